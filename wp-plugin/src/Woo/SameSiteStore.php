<?php
/**
 * This site's own WooCommerce as a Cuadra store: whether it can be offered, and its store id.
 *
 * @package Cuadra
 */

namespace Cuadra\Woo;

use Cuadra\Service\ServiceClient;

defined( 'ABSPATH' ) || exit;

/**
 * Connecting creates a store of kind same_site in the service (no URL or keys to enter: WordPress
 * pushes the orders itself) and remembers its id in an option. Connecting again after the option was
 * lost (or after an answer that never arrived) adopts the store the service already has.
 */
final class SameSiteStore {

	const STORE_ID_OPTION  = 'cuadra_same_site_store_id';
	const LAST_PUSH_OPTION = 'cuadra_same_site_last_push';

	/**
	 * Whether WooCommerce runs on this site.
	 *
	 * @return bool
	 */
	public static function woocommerce_active() {
		return class_exists( 'WooCommerce' );
	}

	/**
	 * The connected store's id in the service, or 0.
	 *
	 * @return int
	 */
	public static function store_id() {
		return (int) get_option( self::STORE_ID_OPTION, 0 );
	}

	/**
	 * Whether orders should be queued: WooCommerce is here and the store is connected.
	 *
	 * @return bool
	 */
	public static function is_connected() {
		return self::woocommerce_active() && self::store_id() > 0;
	}

	/**
	 * Remembers when the service last accepted a push (shown next to the service's own time).
	 */
	public static function record_push() {
		update_option( self::LAST_PUSH_OPTION, gmdate( 'c' ), false );
	}

	/**
	 * What the Orders page shell tells the admin app (data-* attributes).
	 *
	 * @return array<string, string>
	 */
	public static function boot_data() {
		return array(
			'woocommerce-active' => self::woocommerce_active() ? '1' : '0',
			'same-site-store-id' => (string) self::store_id(),
		);
	}

	/**
	 * Creates the same-site store in the service as the current user and starts pushing existing orders.
	 *
	 * @param ServiceClient $client Signed client.
	 * @return array{status: int, body: mixed}|\WP_Error The service's answer.
	 */
	public static function connect( ServiceClient $client ) {
		$name     = trim( html_entity_decode( get_bloginfo( 'name' ), ENT_QUOTES, 'UTF-8' ) );
		$body     = array(
			'name'             => '' !== $name ? mb_substr( $name, 0, 200 ) : __( 'This site', 'cuadra' ),
			'kind'             => 'same_site',
			'url'              => home_url(),
			'invoice_statuses' => array( 'processing', 'completed' ),
		);
		$response = $client->request( 'POST', '/stores', '', (string) wp_json_encode( $body, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ) );
		if ( is_wp_error( $response ) ) {
			return $response;
		}
		$answer = json_decode( $response['body'], true );
		// 201: created; 200: the service already had this site's store (an earlier connect whose answer was lost): adopt it.
		if ( self::is_store_answer( (int) $response['status'], $answer ) ) {
			update_option( self::STORE_ID_OPTION, (int) $answer['id'], true );
			OrderPushQueue::install();
			OrderBackfill::start();
		}
		return array(
			'status' => (int) $response['status'],
			'body'   => $answer,
		);
	}

	/**
	 * Whether the service answered with this site's same-site store (created now, or found).
	 *
	 * @param int   $status HTTP status.
	 * @param mixed $answer Decoded body.
	 * @return bool
	 */
	public static function is_store_answer( $status, $answer ) {
		return ( 201 === $status || 200 === $status ) && is_array( $answer ) && ! empty( $answer['id'] )
			&& isset( $answer['kind'] ) && 'same_site' === $answer['kind'];
	}

	/**
	 * Forgets the store (it was removed in Cuadra): no more queuing, the queue emptied.
	 */
	public static function disconnect() {
		delete_option( self::STORE_ID_OPTION );
		delete_option( self::LAST_PUSH_OPTION );
		OrderBackfill::stop();
		OrderPushQueue::clear();
	}
}
