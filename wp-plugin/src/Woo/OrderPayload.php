<?php
/**
 * An order of this site's WooCommerce in the REST v3 shape, built in-process without keys.
 *
 * @package Cuadra
 */

namespace Cuadra\Woo;

defined( 'ABSPATH' ) || exit;

/**
 * The exact JSON GET /wc/v3/orders/{id} would answer, from WooCommerce's own REST controller, so the
 * service reads a pushed order with the same normaliser as a synced one; plus, under `cuadra_refunds`,
 * what GET /wc/v3/orders/{id}/refunds would answer, for rectifying them.
 */
final class OrderPayload {

	/** Decimals asked for, as the service's sync asks (`dp`): unrounded line taxes stay exact. */
	const DECIMALS = 6;

	/** Where the order's refunds (REST v3 refund shape) travel inside the pushed order. */
	const REFUNDS_KEY = 'cuadra_refunds';

	/**
	 * The order as the REST API shows it, or null when it is not a (non-refund) order any more.
	 *
	 * @param int $order_id WooCommerce order id.
	 * @return array<string, mixed>|null|\WP_Error
	 */
	public static function for_order( $order_id ) {
		if ( ! function_exists( 'wc_get_order' ) || ! class_exists( 'WC_REST_Orders_Controller' ) ) {
			return new \WP_Error( 'cuadra_woocommerce_missing', __( 'WooCommerce is not active on this site.', 'cuadra' ) );
		}
		$order = wc_get_order( (int) $order_id );
		if ( ! $order || ( is_callable( array( $order, 'get_type' ) ) && 'shop_order' !== $order->get_type() ) ) {
			return null;
		}
		$request = new \WP_REST_Request( 'GET', '/wc/v3/orders/' . (int) $order_id );
		$request->set_param( 'id', (int) $order_id );
		$request->set_param( 'dp', self::DECIMALS );
		$request->set_param( 'context', 'view' );
		$controller = new \WC_REST_Orders_Controller();
		$response   = $controller->prepare_object_for_response( $order, $request );
		if ( is_wp_error( $response ) ) {
			return $response;
		}
		$data = rest_ensure_response( $response )->get_data();
		if ( ! is_array( $data ) ) {
			return null;
		}
		$refunds = self::refunds_of( $order );
		if ( is_wp_error( $refunds ) ) {
			return $refunds;
		}
		$data[ self::REFUNDS_KEY ] = $refunds;
		return $data;
	}

	/**
	 * The order's refunds as GET /wc/v3/orders/{id}/refunds would answer them (same decimals as the
	 * order): the service has no keys to ask this site, so they travel with the order.
	 *
	 * @param \WC_Order|object $order The order.
	 * @return array<int, array<string, mixed>>|\WP_Error
	 */
	private static function refunds_of( $order ) {
		if ( ! is_callable( array( $order, 'get_refunds' ) ) || ! class_exists( 'WC_REST_Order_Refunds_Controller' ) ) {
			return array();
		}
		$controller = new \WC_REST_Order_Refunds_Controller();
		$refunds    = array();
		foreach ( (array) $order->get_refunds() as $refund ) {
			$request = new \WP_REST_Request( 'GET', '/wc/v3/orders/' . (int) $order->get_id() . '/refunds/' . (int) $refund->get_id() );
			$request->set_param( 'order_id', (int) $order->get_id() );
			$request->set_param( 'id', (int) $refund->get_id() );
			$request->set_param( 'dp', self::DECIMALS );
			$request->set_param( 'context', 'view' );
			$response = $controller->prepare_object_for_response( $refund, $request );
			if ( is_wp_error( $response ) ) {
				return $response;
			}
			$data = rest_ensure_response( $response )->get_data();
			if ( is_array( $data ) ) {
				$refunds[] = $data;
			}
		}
		return $refunds;
	}
}
