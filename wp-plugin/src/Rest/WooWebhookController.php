<?php
/**
 * cuadra/v1/stores/{id}/webhook: where WooCommerce delivers order webhooks.
 *
 * @package Cuadra
 */

namespace Cuadra\Rest;

use Cuadra\Service\ServiceClient;

defined( 'ABSPATH' ) || exit;

/**
 * WordPress is the public endpoint; the service is not. The raw body and WooCommerce's X-WC-Webhook-*
 * headers are forwarded unchanged through the signed client, and the service checks the webhook's
 * own signature (HMAC of the raw body with the store's webhook secret).
 */
final class WooWebhookController {

	/** Bodies larger than this are not order webhooks. */
	const MAX_BODY_BYTES = 700000;

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
	 * Registers the route.
	 */
	public function register_routes() {
		register_rest_route(
			ProxyController::REST_NAMESPACE,
			'/stores/(?P<id>\d+)/webhook',
			array(
				array(
					'methods'             => \WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'receive' ),
					// Public on purpose: WooCommerce has no WordPress login; the webhook signature,
					// checked by the service on the exact raw body, is the authentication.
					'permission_callback' => '__return_true',
					'args'                => array(
						'id' => array(
							'type'        => 'integer',
							'description' => 'The Cuadra store the webhook belongs to.',
							'required'    => true,
						),
					),
				),
			)
		);
	}

	/**
	 * Forwards one delivery and relays the service's verdict.
	 *
	 * @param \WP_REST_Request $request The delivery.
	 * @return \WP_REST_Response
	 */
	public function receive( \WP_REST_Request $request ) {
		$raw = (string) $request->get_body();
		if ( strlen( $raw ) > self::MAX_BODY_BYTES ) {
			return new \WP_REST_Response( array( 'message' => __( 'The webhook body is too large.', 'cuadra' ) ), 413 );
		}

		$headers = array();
		foreach ( $request->get_headers() as $name => $values ) {
			$name = strtolower( str_replace( '_', '-', $name ) );
			if ( 0 === strpos( $name, 'x-wc-webhook-' ) || 'content-type' === $name ) {
				$headers[ $name ] = is_array( $values ) ? (string) reset( $values ) : (string) $values;
			}
		}

		$envelope = wp_json_encode(
			array(
				// Base64 keeps the exact bytes the signature covers.
				'body_base64' => base64_encode( $raw ), // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode
				'headers'     => (object) $headers,
			)
		);
		$response = $this->client->request( 'POST', '/stores/' . absint( $request['id'] ) . '/webhook', '', $envelope );

		if ( is_wp_error( $response ) ) {
			// WooCommerce disables a webhook after a few failures in a row; while the service is down the
			// poller reconciles the orders, so the delivery is acknowledged rather than counted as failed.
			return new \WP_REST_Response(
				array(
					'accepted' => false,
					'message'  => __( 'The Cuadra service is unreachable; the order will be picked up by the next sync.', 'cuadra' ),
				),
				202
			);
		}

		$data = json_decode( $response['body'], true );
		return new \WP_REST_Response( null === $data ? array() : $data, $response['status'] );
	}
}
