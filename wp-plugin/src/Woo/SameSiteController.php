<?php
/**
 * cuadra/v1/same-site-store: connect this site's WooCommerce as a store and see its push status.
 *
 * @package Cuadra
 */

namespace Cuadra\Woo;

use Cuadra\Capabilities;
use Cuadra\Rest\ProxyController;
use Cuadra\Service\ServiceClient;

defined( 'ABSPATH' ) || exit;

/**
 * The one-click connection lives in WordPress (not the proxy) because WordPress must remember the
 * store's id to push to it. Cookie-authenticated REST requests carry the wp_rest nonce.
 */
final class SameSiteController {

	/**
	 * Signed client.
	 *
	 * @var ServiceClient
	 */
	private $client;

	/**
	 * Creates the controller.
	 *
	 * @param ServiceClient|null $client Client to use.
	 */
	public function __construct( ?ServiceClient $client = null ) {
		$this->client = $client ? $client : new ServiceClient();
	}

	/**
	 * Registers the routes.
	 */
	public function register_routes() {
		register_rest_route(
			ProxyController::REST_NAMESPACE,
			'/same-site-store',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'status' ),
					'permission_callback' => array( $this, 'can_bill' ),
					'args'                => array(),
				),
				array(
					'methods'             => \WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'connect' ),
					'permission_callback' => array( $this, 'can_manage' ),
					'args'                => array(),
				),
				'schema' => array( $this, 'schema' ),
			)
		);
		register_rest_route(
			ProxyController::REST_NAMESPACE,
			'/same-site-store/backfill',
			array(
				array(
					'methods'             => \WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'backfill' ),
					'permission_callback' => array( $this, 'can_manage' ),
					'args'                => array(),
				),
				'schema' => array( $this, 'schema' ),
			)
		);
	}

	/**
	 * Permission: reading the status needs cuadra_billing (as the orders do).
	 *
	 * @return bool|\WP_Error
	 */
	public function can_bill() {
		return current_user_can( Capabilities::BILLING ) || current_user_can( Capabilities::MANAGE ) ? true : self::forbidden();
	}

	/**
	 * Permission: connecting and backfilling need cuadra_manage (as adding a store does).
	 *
	 * @return bool|\WP_Error
	 */
	public function can_manage() {
		return current_user_can( Capabilities::MANAGE ) ? true : self::forbidden();
	}

	/**
	 * The refusal for users without the capability.
	 *
	 * @return \WP_Error
	 */
	private static function forbidden() {
		return new \WP_Error( 'rest_forbidden', __( 'Sorry, you are not allowed to do that in Cuadra.', 'cuadra' ), array( 'status' => rest_authorization_required_code() ) );
	}

	/**
	 * GET: whether WooCommerce is here, the connected store, the queue and the backfill.
	 *
	 * @return \WP_REST_Response
	 */
	public function status() {
		return rest_ensure_response( self::state() );
	}

	/**
	 * The status document.
	 *
	 * @return array<string, mixed>
	 */
	public static function state() {
		$last_push = get_option( SameSiteStore::LAST_PUSH_OPTION );
		return array(
			'woocommerce_active' => SameSiteStore::woocommerce_active(),
			'store_id'           => SameSiteStore::store_id() ? SameSiteStore::store_id() : null,
			'last_push_at'       => $last_push ? (string) $last_push : null,
			'queue'              => OrderPushQueue::summary(),
			'backfill'           => OrderBackfill::progress(),
		);
	}

	/**
	 * POST: creates the same-site store in the service (or adopts the one it has) and starts pushing the existing orders.
	 *
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function connect() {
		if ( ! SameSiteStore::woocommerce_active() ) {
			return new \WP_Error( 'cuadra_woocommerce_inactive', __( 'WooCommerce is not active on this site.', 'cuadra' ), array( 'status' => 409 ) );
		}
		if ( SameSiteStore::store_id() ) {
			return new \WP_Error( 'cuadra_same_site_connected', __( "This site's WooCommerce is already connected.", 'cuadra' ), array( 'status' => 409 ) );
		}
		$answer = SameSiteStore::connect( $this->client );
		if ( is_wp_error( $answer ) ) {
			return $answer;
		}
		if ( ! SameSiteStore::is_store_answer( $answer['status'], $answer['body'] ) ) {
			// The service's own error shape, passed through like the proxy does.
			return new \WP_REST_Response( $answer['body'], $answer['status'] );
		}
		// 201 created, 200 adopted (the service already had this site's store).
		return new \WP_REST_Response( array_merge( self::state(), array( 'store' => $answer['body'] ) ), $answer['status'] );
	}

	/**
	 * POST backfill: queues every existing order again (e.g. after the store was emptied).
	 *
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function backfill() {
		if ( ! SameSiteStore::is_connected() ) {
			return new \WP_Error( 'cuadra_same_site_not_connected', __( "Connect this site's WooCommerce first.", 'cuadra' ), array( 'status' => 409 ) );
		}
		OrderBackfill::start();
		return rest_ensure_response( self::state() );
	}

	/**
	 * The status document's schema.
	 *
	 * @return array<string, mixed>
	 */
	public function schema() {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'cuadra_same_site_store',
			'type'       => 'object',
			'properties' => array(
				'woocommerce_active' => array(
					'type'        => 'boolean',
					'description' => 'Whether WooCommerce runs on this site.',
				),
				'store_id'           => array(
					'type'        => array( 'integer', 'null' ),
					'description' => "The Cuadra store of this site's WooCommerce, when connected.",
				),
				'last_push_at'       => array(
					'type'        => array( 'string', 'null' ),
					'description' => 'When the service last accepted pushed orders (ISO 8601).',
				),
				'queue'              => array(
					'type'        => 'object',
					'description' => 'Orders waiting to be pushed, refused ones, and the last refusal.',
				),
				'backfill'           => array(
					'type'        => 'object',
					'description' => 'Progress of pushing the orders that existed before connecting.',
				),
			),
		);
	}
}
