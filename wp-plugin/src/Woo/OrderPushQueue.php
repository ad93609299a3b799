<?php
/**
 * The plugin's own table of WooCommerce orders waiting to be pushed to the service.
 *
 * @package Cuadra
 */

namespace Cuadra\Woo;

defined( 'ABSPATH' ) || exit;

/**
 * One row per order id: an order that changes again while queued stays one row (the push sends its
 * state at delivery time). A row is written before anything else happens and deleted only once the
 * service stored the order, so nothing is lost while the service is down.
 */
final class OrderPushQueue {

	const SCHEMA_VERSION        = '1';
	const SCHEMA_VERSION_OPTION = 'cuadra_order_push_schema_version';

	const QUEUED = 'queued';
	const FAILED = 'failed';

	/**
	 * Table name.
	 *
	 * @return string
	 */
	public static function table() {
		global $wpdb;
		return $wpdb->prefix . 'cuadra_order_push';
	}

	/**
	 * Creates or upgrades the table when the stored schema version is not the current one.
	 */
	public static function maybe_install() {
		if ( get_option( self::SCHEMA_VERSION_OPTION ) !== self::SCHEMA_VERSION ) {
			self::install();
		}
	}

	/**
	 * Creates or upgrades the table (dbDelta: safe to run again).
	 */
	public static function install() {
		global $wpdb;
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		dbDelta(
			'CREATE TABLE ' . self::table() . " (
  order_id bigint(20) unsigned NOT NULL,
  status varchar(16) NOT NULL DEFAULT 'queued',
  attempts int(10) unsigned NOT NULL DEFAULT 0,
  next_attempt_at datetime NOT NULL,
  lease varchar(32) NOT NULL DEFAULT '',
  last_error text NULL,
  queued_at datetime NOT NULL,
  PRIMARY KEY  (order_id),
  KEY status_next (status,next_attempt_at)
) " . $wpdb->get_charset_collate() . ';'
		);
		update_option( self::SCHEMA_VERSION_OPTION, self::SCHEMA_VERSION, true );
	}

	/**
	 * Queues orders as due now; an order already queued (or failed, or in flight) becomes due again
	 * with a fresh lease, so an attempt that started before this change does not remove it.
	 *
	 * @param int[] $order_ids WooCommerce order ids.
	 * @return int Rows written.
	 */
	public static function enqueue( array $order_ids ) {
		global $wpdb;
		$order_ids = array_values( array_unique( array_filter( array_map( 'absint', $order_ids ) ) ) );
		if ( ! $order_ids ) {
			return 0;
		}
		self::maybe_install();
		$now    = gmdate( 'Y-m-d H:i:s' );
		$values = array();
		foreach ( $order_ids as $order_id ) {
			$values[] = $wpdb->prepare( '(%d, %s, 0, %s, %s, %s)', $order_id, self::QUEUED, $now, '', $now );
		}
		$written = $wpdb->query( // phpcs:ignore WordPress.DB
			'INSERT INTO ' . self::table() . ' (order_id, status, attempts, next_attempt_at, lease, queued_at) VALUES ' . implode( ', ', $values ) // phpcs:ignore WordPress.DB
			. " ON DUPLICATE KEY UPDATE status = VALUES(status), attempts = 0, next_attempt_at = VALUES(next_attempt_at), lease = '', last_error = NULL"
		);
		return false === $written ? 0 : count( $order_ids );
	}

	/**
	 * Takes up to $limit due rows, oldest first, for one attempt: one UPDATE gives them a lease and
	 * moves their next attempt past it, so another worker skips them; a worker that dies leaves them
	 * due again when the lease ends.
	 *
	 * @param int $limit       At most this many rows.
	 * @param int $lease_until Unix seconds.
	 * @return array{lease: string, rows: object[]}
	 */
	public static function claim_due( $limit, $lease_until ) {
		global $wpdb;
		self::maybe_install();
		$lease = wp_generate_password( 32, false );
		$taken = $wpdb->query( // phpcs:ignore WordPress.DB
			$wpdb->prepare(
				'UPDATE ' . self::table() . ' SET next_attempt_at = %s, lease = %s WHERE status = %s AND next_attempt_at <= %s ORDER BY next_attempt_at, order_id LIMIT %d', // phpcs:ignore WordPress.DB
				gmdate( 'Y-m-d H:i:s', $lease_until ),
				$lease,
				self::QUEUED,
				gmdate( 'Y-m-d H:i:s' ),
				$limit
			)
		);
		$rows = $taken ? $wpdb->get_results( $wpdb->prepare( 'SELECT order_id, attempts FROM ' . self::table() . ' WHERE lease = %s ORDER BY order_id', $lease ) ) : array(); // phpcs:ignore WordPress.DB
		return array(
			'lease' => $lease,
			'rows'  => $rows,
		);
	}

	/**
	 * Moves the end of an attempt's lease: the rows it still holds stay out of other workers' claims
	 * until then. Rows that changed meanwhile (new lease) or were settled are not touched.
	 *
	 * @param string $lease       The attempt's lease.
	 * @param int    $lease_until Unix seconds.
	 */
	public static function renew_lease( $lease, $lease_until ) {
		global $wpdb;
		if ( '' === (string) $lease ) {
			return;
		}
		$wpdb->query( // phpcs:ignore WordPress.DB
			$wpdb->prepare(
				'UPDATE ' . self::table() . ' SET next_attempt_at = %s WHERE lease = %s AND status = %s', // phpcs:ignore WordPress.DB
				gmdate( 'Y-m-d H:i:s', $lease_until ),
				(string) $lease,
				self::QUEUED
			)
		);
	}

	/**
	 * Removes rows the service stored, unless the order changed again meanwhile (the lease was renewed).
	 *
	 * @param int[]  $order_ids Order ids.
	 * @param string $lease     The attempt's lease.
	 */
	public static function remove_delivered( array $order_ids, $lease ) {
		global $wpdb;
		foreach ( $order_ids as $order_id ) {
			$wpdb->delete( // phpcs:ignore WordPress.DB
				self::table(),
				array(
					'order_id' => (int) $order_id,
					'lease'    => (string) $lease,
				),
				array( '%d', '%s' )
			);
		}
	}

	/**
	 * Records the outcome of one attempt on one row (only while it still holds the attempt's lease).
	 *
	 * @param int                  $order_id Order id.
	 * @param string               $lease    The attempt's lease.
	 * @param array<string, mixed> $changes  Columns to set.
	 */
	public static function update( $order_id, $lease, array $changes ) {
		global $wpdb;
		$wpdb->update( // phpcs:ignore WordPress.DB
			self::table(),
			$changes,
			array(
				'order_id' => (int) $order_id,
				'lease'    => (string) $lease,
			)
		);
	}

	/**
	 * Unix time of the earliest due queued row, or null when nothing waits.
	 *
	 * @return int|null
	 */
	public static function next_due_time() {
		global $wpdb;
		self::maybe_install();
		$next = $wpdb->get_var( $wpdb->prepare( 'SELECT MIN(next_attempt_at) FROM ' . self::table() . ' WHERE status = %s', self::QUEUED ) ); // phpcs:ignore WordPress.DB
		return $next ? (int) strtotime( $next . ' UTC' ) : null;
	}

	/**
	 * Counts for the admin: waiting, failed (the service refused them), and the last refusal.
	 *
	 * @return array{queued: int, failed: int, last_error: string|null}
	 */
	public static function summary() {
		global $wpdb;
		self::maybe_install();
		$counts = $wpdb->get_results( 'SELECT status, COUNT(*) AS n FROM ' . self::table() . ' GROUP BY status', OBJECT_K ); // phpcs:ignore WordPress.DB
		$error  = $wpdb->get_var( $wpdb->prepare( 'SELECT last_error FROM ' . self::table() . ' WHERE status = %s ORDER BY next_attempt_at DESC LIMIT 1', self::FAILED ) ); // phpcs:ignore WordPress.DB
		return array(
			'queued'     => isset( $counts[ self::QUEUED ] ) ? (int) $counts[ self::QUEUED ]->n : 0,
			'failed'     => isset( $counts[ self::FAILED ] ) ? (int) $counts[ self::FAILED ]->n : 0,
			'last_error' => $error ? (string) $error : null,
		);
	}

	/**
	 * Empties the queue (the same-site store was disconnected).
	 */
	public static function clear() {
		global $wpdb;
		self::maybe_install();
		$wpdb->query( 'DELETE FROM ' . self::table() ); // phpcs:ignore WordPress.DB
	}
}
