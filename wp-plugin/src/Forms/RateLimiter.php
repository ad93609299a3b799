<?php
/**
 * At most a few submissions per visitor IP in a sliding window.
 *
 * @package Cuadra
 */

namespace Cuadra\Forms;

defined( 'ABSPATH' ) || exit;

/**
 * Counts accepted submissions (sent or spam) per hashed IP in the cuadra_form_hits table.
 */
final class RateLimiter {

	/** Submissions allowed per window; filter cuadra_contact_rate_limit changes it. */
	const LIMIT = 5;

	/** Window length in seconds; filter cuadra_contact_rate_window changes it. */
	const WINDOW = 600;

	/**
	 * The visitor's IP. Only REMOTE_ADDR: forwarded headers can be forged; a site behind a proxy sets
	 * the real address with the cuadra_contact_client_ip filter.
	 *
	 * @return string
	 */
	public static function client_ip() {
		$ip = isset( $_SERVER['REMOTE_ADDR'] ) ? sanitize_text_field( wp_unslash( $_SERVER['REMOTE_ADDR'] ) ) : '';
		$ip = (string) apply_filters( 'cuadra_contact_client_ip', $ip );
		return false !== filter_var( $ip, FILTER_VALIDATE_IP ) ? $ip : '';
	}

	/**
	 * The IP as stored: a keyed hash, so logs and the rate window keep no address.
	 *
	 * @param string $ip Visitor IP.
	 * @return string
	 */
	public static function hash_ip( $ip ) {
		return hash_hmac( 'sha256', $ip, wp_salt( 'auth' ) );
	}

	/**
	 * Whether this IP has used up its window.
	 *
	 * @param string $ip Visitor IP.
	 * @return bool
	 */
	public static function is_limited( $ip ) {
		global $wpdb;
		$limit  = (int) apply_filters( 'cuadra_contact_rate_limit', self::LIMIT );
		$window = (int) apply_filters( 'cuadra_contact_rate_window', self::WINDOW );
		$since  = gmdate( 'Y-m-d H:i:s', time() - $window );
		$count  = (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM ' . SubmissionStore::hits_table() . ' WHERE ip_hash = %s AND created_at > %s', self::hash_ip( $ip ), $since ) ); // phpcs:ignore WordPress.DB
		return $count >= $limit;
	}

	/**
	 * Counts one submission of this IP.
	 *
	 * @param string $ip Visitor IP.
	 */
	public static function record( $ip ) {
		global $wpdb;
		$wpdb->insert( // phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery
			SubmissionStore::hits_table(),
			array(
				'ip_hash'    => self::hash_ip( $ip ),
				'created_at' => gmdate( 'Y-m-d H:i:s' ),
			),
			array( '%s', '%s' )
		);
	}

	/**
	 * Forgets hits older than a day (run from cron).
	 */
	public static function prune() {
		global $wpdb;
		$wpdb->query( $wpdb->prepare( 'DELETE FROM ' . SubmissionStore::hits_table() . ' WHERE created_at < %s', gmdate( 'Y-m-d H:i:s', time() - DAY_IN_SECONDS ) ) ); // phpcs:ignore WordPress.DB
	}
}
