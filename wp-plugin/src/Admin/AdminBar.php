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

	/** Latest items listed under the node. */
	const ITEMS_SHOWN = 5;

	/**
	 * Hooks into WordPress.
	 */
	public function register() {
		add_action( 'admin_bar_menu', array( $this, 'add_node' ), 80 );
		add_action( 'admin_enqueue_scripts', array( $this, 'add_badge_style' ) );
		add_action( 'wp_enqueue_scripts', array( $this, 'add_badge_style' ) );
		add_action( 'admin_enqueue_scripts', array( $this, 'add_heartbeat_script' ) );
		add_filter( 'heartbeat_received', array( $this, 'heartbeat_received' ), 10, 2 );
	}

	/**
	 * admin_bar_menu: the node with its badge and the latest items, for people with any Cuadra capability.
	 *
	 * @param \WP_Admin_Bar $admin_bar The admin bar.
	 */
	public function add_node( $admin_bar ) {
		if ( ! is_user_logged_in() || ! Capabilities::current_user_has_any() ) {
			return;
		}

		$summary = $this->summary();
		$count   = max( 0, $summary['count'] );
		$title   = '<span class="ab-label">Cuadra</span> <span class="cuadra-admin-bar-badge" aria-hidden="true"' . ( $count > 0 ? '' : ' hidden' ) . '>'
			. esc_html( number_format_i18n( $count ) ) . '</span><span class="screen-reader-text cuadra-admin-bar-count">'
			. esc_html( self::count_text( $count ) ) . '</span>';

		$admin_bar->add_node(
			array(
				'id'    => self::NODE_ID,
				'title' => $title,
				'href'  => Menu::home_url(), // WP_Admin_Bar escapes it.
			)
		);

		foreach ( array_slice( $summary['items'], 0, self::ITEMS_SHOWN ) as $index => $item ) {
			$admin_bar->add_node(
				array(
					'parent' => self::NODE_ID,
					'id'     => self::NODE_ID . '-item-' . $index,
					'title'  => esc_html( $item['title'] ),
					'href'   => self::item_url( $item['url'] ),
					'meta'   => array( 'class' => 'cuadra-admin-bar-item' ),
				)
			);
		}

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
	 * "3 notifications", for screen readers.
	 *
	 * @param int $count Count.
	 * @return string
	 */
	private static function count_text( $count ) {
		/* translators: %s: number of notifications waiting in Cuadra */
		return sprintf( _n( '%s notification', '%s notifications', $count, 'cuadra' ), number_format_i18n( $count ) );
	}

	/**
	 * The service gives admin-relative links ("admin.php?page=cuadra-orders&order=7"); only those are followed.
	 *
	 * @param string $url Link from the service.
	 * @return string
	 */
	private static function item_url( $url ) {
		$url = (string) $url;
		return preg_match( '#^admin\.php\?page=cuadra[\w-]*(&[\w=&%.-]*)?$#', $url ) ? admin_url( $url ) : Menu::home_url();
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
			'#wpadminbar .cuadra-admin-bar-badge{display:inline-block;box-sizing:border-box;min-width:18px;height:18px;margin-left:2px;padding:0 5px;border-radius:9px;background:#d63638;color:#fff;font-size:11px;line-height:18px;text-align:center;vertical-align:middle;}#wpadminbar .cuadra-admin-bar-badge[hidden]{display:none;}'
		);
	}

	/**
	 * In the admin, the badge and the latest items follow WordPress's Heartbeat: no reload needed.
	 */
	public function add_heartbeat_script() {
		if ( ! is_admin_bar_showing() || ! Capabilities::current_user_has_any() ) {
			return;
		}
		wp_enqueue_script( 'heartbeat' );
		$script = <<<'JS'
( function ( $ ) {
	$( document ).on( 'heartbeat-send', function ( event, data ) {
		data.cuadra_notifications = 1;
	} );
	$( document ).on( 'heartbeat-tick', function ( event, data ) {
		var summary = data.cuadra_notifications;
		if ( ! summary ) {
			return;
		}
		var node = $( '#wp-admin-bar-cuadra' );
		node.find( '.cuadra-admin-bar-badge' ).text( summary.count_label ).prop( 'hidden', summary.count < 1 );
		node.find( '.cuadra-admin-bar-count' ).text( summary.count_text );
		var list = node.find( '> .ab-sub-wrapper > ul' );
		if ( ! list.length ) {
			list = $( '<ul class="ab-submenu"></ul>' ).appendTo( $( '<div class="ab-sub-wrapper"></div>' ).appendTo( node.addClass( 'menupop' ) ) );
		}
		list.find( '.cuadra-admin-bar-item' ).remove();
		summary.items.slice().reverse().forEach( function ( item ) {
			// Text, never HTML: titles come from customers' orders and messages.
			var link = $( '<a class="ab-item"></a>' ).attr( 'href', item.url ).text( item.title );
			list.prepend( $( '<li class="cuadra-admin-bar-item"></li>' ).append( link ) );
		} );
	} );
} )( jQuery );
JS;
		wp_add_inline_script( 'heartbeat', $script );
	}

	/**
	 * heartbeat_received: the current notifications for a Heartbeat that asked for them.
	 *
	 * @param array<string, mixed> $response Heartbeat response.
	 * @param array<string, mixed> $data     Data the browser sent.
	 * @return array<string, mixed>
	 */
	public function heartbeat_received( $response, $data ) {
		if ( empty( $data['cuadra_notifications'] ) || ! Capabilities::current_user_has_any() ) {
			return $response;
		}
		// A Heartbeat asks for news: ask the service now (about once a minute per open admin page) and refresh the cache.
		$summary = $this->fetch_summary();
		StatusCache::remember_notification_summary( get_current_user_id(), $summary );
		$count = max( 0, $summary['count'] );
		$items = array();
		foreach ( array_slice( $summary['items'], 0, self::ITEMS_SHOWN ) as $item ) {
			$items[] = array(
				'title' => $item['title'],
				'url'   => self::item_url( $item['url'] ),
			);
		}
		$response['cuadra_notifications'] = array(
			'count'       => $count,
			'count_label' => number_format_i18n( $count ),
			'count_text'  => self::count_text( $count ),
			'items'       => $items,
		);
		return $response;
	}

	/**
	 * The notifications of the current user: count 0 and no items when the service is down, so nothing waits.
	 *
	 * @return array{count: int, items: array<int, array{title: string, url: string, type: string}>}
	 */
	private function summary() {
		$user_id = get_current_user_id();
		$cached  = StatusCache::notification_summary( $user_id );
		if ( null !== $cached ) {
			return $cached;
		}
		$summary = $this->fetch_summary();
		StatusCache::remember_notification_summary( $user_id, $summary );
		return $summary;
	}

	/**
	 * Asks the service, unless we already know it is not reachable.
	 *
	 * @return array{count: int, items: array<int, array{title: string, url: string, type: string}>} Count -1 when it could not be known.
	 */
	private function fetch_summary() {
		$unknown = array(
			'count' => -1,
			'items' => array(),
		);
		if ( ! $this->client->connection()->is_configured() ) {
			return $unknown;
		}
		$health = StatusCache::health();
		if ( null !== $health && ! $health['ok'] ) {
			return $unknown;
		}

		$response = $this->client->request( 'GET', '/notifications/summary', '', '', ServiceClient::QUICK_TIMEOUT );
		if ( is_wp_error( $response ) || 200 !== $response['status'] ) {
			return $unknown;
		}
		$summary = json_decode( $response['body'], true );
		if ( ! is_array( $summary ) || ! isset( $summary['count'] ) || ! is_numeric( $summary['count'] ) ) {
			return $unknown;
		}
		$items = array();
		foreach ( ( isset( $summary['items'] ) && is_array( $summary['items'] ) ) ? $summary['items'] : array() as $item ) {
			if ( is_array( $item ) && isset( $item['title'], $item['url'] ) && is_string( $item['title'] ) && is_string( $item['url'] ) ) {
				$items[] = array(
					'title' => $item['title'],
					'url'   => $item['url'],
					'type'  => isset( $item['type'] ) && is_string( $item['type'] ) ? $item['type'] : '',
				);
			}
		}
		return array(
			'count' => max( 0, (int) $summary['count'] ),
			'items' => $items,
		);
	}
}
