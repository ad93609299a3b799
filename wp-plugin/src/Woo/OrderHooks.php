<?php
/**
 * Listens to WooCommerce's order events and queues the order for a push.
 *
 * @package Cuadra
 */

namespace Cuadra\Woo;

defined( 'ABSPATH' ) || exit;

/**
 * Each event only stores the order id (durably, before any side effect) and asks WP-Cron to deliver;
 * the checkout never waits for the service.
 */
final class OrderHooks {

	/**
	 * Whether this request already asked for a delivery at shutdown.
	 *
	 * @var bool
	 */
	private $spawn_pending = false;

	/**
	 * Hooks WooCommerce's order events (they fire only when WooCommerce runs).
	 */
	public function register() {
		add_action( 'woocommerce_new_order', array( $this, 'order_changed' ), 20, 1 );
		add_action( 'woocommerce_update_order', array( $this, 'order_changed' ), 20, 1 );
		add_action( 'woocommerce_order_status_changed', array( $this, 'order_changed' ), 20, 1 );
		add_action( 'woocommerce_order_refunded', array( $this, 'order_changed' ), 20, 1 );
	}

	/**
	 * Queues the order and makes sure a delivery runs soon.
	 *
	 * @param int|mixed $order_id The order id WooCommerce passes first.
	 */
	public function order_changed( $order_id ) {
		$order_id = absint( $order_id );
		if ( ! $order_id || ! SameSiteStore::is_connected() ) {
			return;
		}
		if ( 0 === OrderPushQueue::enqueue( array( $order_id ) ) ) {
			// The queue write failed: say so (the id only, no customer data), or the change is lost without a trace.
			error_log( sprintf( 'Cuadra: could not queue WooCommerce order %d for pushing to Cuadra (database write failed); it goes with its next change or a backfill.', $order_id ) ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log
		}
		if ( ! $this->spawn_pending ) {
			// One spawn per request, after WooCommerce has finished saving (several hooks fire per change).
			$this->spawn_pending = true;
			add_action( 'shutdown', array( OrderPushDelivery::class, 'spawn' ) );
		}
	}
}
