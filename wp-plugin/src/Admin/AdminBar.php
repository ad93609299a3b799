<?php
/**
 * "Cuadra" in the admin bar, with the number of things waiting.
 *
 * @package Cuadra
 */

namespace Cuadra\Admin;

use Cuadra\Capabilities;
use Cuadra\Service\ServiceClient;
use Cuadra\Service\StatusCache;

defined( 'ABSPATH' ) || exit;

/**
 * Admin bar node "cuadra"; the badge count comes from GET /notifications/summary, cached 60 s.
 */
final class AdminBar {

	const NODE_ID = 'cuadra';

	/**
	 * Signed client.
	 *
	 * @var ServiceClient
	 */
	private $client;

	/**
	 * Creates the admin bar entry.
	 *
	 * @param ServiceClient|null $client Client to use.
	 */
	public function __construct( ?ServiceClient $client = null ) {
		$this->client = $client ? $client : new ServiceClient();
	}

	/**
	 * Hooks into WordPress.
	 */
	public function register() {
		add_action( 'admin_bar_menu', array( $this, 'add_node' ), 80 );
		add_action( 'admin_enqueue_scripts', array( $this, 'add_badge_style' ) );
		add_action( 'wp_enqueue_scripts', array( $this, 'add_badge_style' ) );
	}

	/**
	 * admin_bar_menu: the node, for people with any Cuadra capability.
	 *
	 * @param \WP_Admin_Bar $admin_bar The admin bar.
	 */
	public function add_node( $admin_bar ) {
		if ( ! is_user_logged_in() || ! Capabilities::current_user_has_any() ) {
			return;
		}

		$count = $this->notification_count();
		$title = '<span class="ab-label">Cuadra</span>';
		if ( $count > 0 ) {
			$title .= ' <span class="cuadra-admin-bar-badge" aria-hidden="true">' . esc_html( number_format_i18n( $count ) ) . '</span>'
				. '<span class="screen-reader-text">'
				/* translators: %s: number of notifications waiting in Cuadra */
				. esc_html( sprintf( _n( '%s notification', '%s notifications', $count, 'cuadra' ), number_format_i18n( $count ) ) )
				. '</span>';
		}

		$admin_bar->add_node(
			array(
				'id'    => self::NODE_ID,
				'title' => $title,
				'href'  => Menu::home_url(), // WP_Admin_Bar escapes it.
			)
		);

		// New tickets are part of the count (the service's summary counts tickets with status new); agents get a way to them.
		if ( current_user_can( Capabilities::SUPPORT ) ) {
			$admin_bar->add_node(
				array(
					'parent' => self::NODE_ID,
					'id'     => self::NODE_ID . '-tickets',
					'title'  => esc_html__( 'New tickets', 'cuadra' ),
					'href'   => add_query_arg( 'status', 'new', Menu::tickets_url() ),
				)
			);
		}
	}

	/**
	 * The badge looks like WordPress's own update counter.
	 */
	public function add_badge_style() {
		if ( ! is_admin_bar_showing() || ! Capabilities::current_user_has_any() ) {
			return;
		}
		wp_add_inline_style(
			'admin-bar',
			'#wpadminbar .cuadra-admin-bar-badge{display:inline-block;box-sizing:border-box;min-width:18px;height:18px;margin-left:2px;padding:0 5px;border-radius:9px;background:#d63638;color:#fff;font-size:11px;line-height:18px;text-align:center;vertical-align:middle;}'
		);
	}

	/**
	 * The count for the current user: 0 when the service is down, so no badge shows and nothing waits.
	 *
	 * @return int
	 */
	private function notification_count() {
		$user_id = get_current_user_id();
		$cached  = StatusCache::notification_count( $user_id );
		if ( null !== $cached ) {
			return max( 0, $cached );
		}

		$count = $this->fetch_count();
		StatusCache::remember_notification_count( $user_id, $count );
		return max( 0, $count );
	}

	/**
	 * Asks the service, unless we already know it is not reachable.
	 *
	 * @return int The count, or -1 when it could not be known.
	 */
	private function fetch_count() {
		if ( ! $this->client->connection()->is_configured() ) {
			return -1;
		}
		$health = StatusCache::health();
		if ( null !== $health && ! $health['ok'] ) {
			return -1;
		}

		$response = $this->client->request( 'GET', '/notifications/summary', '', '', ServiceClient::QUICK_TIMEOUT );
		if ( is_wp_error( $response ) || 200 !== $response['status'] ) {
			return -1;
		}
		$summary = json_decode( $response['body'], true );
		return is_array( $summary ) && isset( $summary['count'] ) && is_numeric( $summary['count'] ) ? max( 0, (int) $summary['count'] ) : -1;
	}
}
