<?php
/**
 * Short-lived caches of what the service said, so admin pages do not wait on it every time.
 *
 * @package Cuadra
 */

namespace Cuadra\Service;

defined( 'ABSPATH' ) || exit;

/**
 * Transients for the connection health (shared) and the notification count (per user).
 */
final class StatusCache {

	const HEALTH_TRANSIENT = 'cuadra_service_health';
	const HEALTH_TTL       = 30;

	const COUNT_TRANSIENT_PREFIX = 'cuadra_notifications_';
	const COUNT_TTL              = 60;

	/** Bumped on every connection change; part of each per-user key, so old counts are never read again. */
	const GENERATION_OPTION = 'cuadra_cache_generation';

	/**
	 * Last connection diagnosis in the current user's language, or null when unknown.
	 *
	 * @return array{ok: bool, code: string, message: string}|null
	 */
	public static function health() {
		$by_locale = get_transient( self::HEALTH_TRANSIENT );
		$health    = is_array( $by_locale ) && isset( $by_locale[ determine_locale() ] ) ? $by_locale[ determine_locale() ] : null;
		return is_array( $health ) && isset( $health['ok'], $health['code'], $health['message'] ) ? $health : null;
	}

	/**
	 * Remembers a diagnosis. Kept per locale because the message is already translated.
	 *
	 * @param array{ok: bool, code: string, message: string} $health Diagnosis.
	 */
	public static function remember_health( array $health ) {
		$by_locale = get_transient( self::HEALTH_TRANSIENT );
		$by_locale = is_array( $by_locale ) ? $by_locale : array();
		// A different outcome means the service changed: answers cached in other languages are stale.
		foreach ( $by_locale as $locale => $cached ) {
			if ( ! is_array( $cached ) || ! isset( $cached['code'] ) || $cached['code'] !== $health['code'] ) {
				unset( $by_locale[ $locale ] );
			}
		}
		$by_locale[ determine_locale() ] = $health;
		set_transient( self::HEALTH_TRANSIENT, $by_locale, self::HEALTH_TTL );
	}

	/**
	 * Cached notifications for a user: count (-1 when the service was down) and latest items, or null when unknown.
	 *
	 * @param int $user_id User id.
	 * @return array{count: int, items: array<int, array{title: string, url: string, type: string}>}|null
	 */
	public static function notification_summary( $user_id ) {
		$summary = get_transient( self::count_key( $user_id ) );
		return is_array( $summary ) && isset( $summary['count'], $summary['items'] ) && is_int( $summary['count'] ) ? $summary : null;
	}

	/**
	 * Remembers a user's notifications (count -1 for "service down").
	 *
	 * @param int                                                                   $user_id User id.
	 * @param array{count: int, items: array<int, array{title: string, url: string, type: string}>} $summary Summary.
	 */
	public static function remember_notification_summary( $user_id, array $summary ) {
		set_transient( self::count_key( $user_id ), $summary, self::COUNT_TTL );
	}

	/**
	 * Forgets everything cached about the service; called when the connection settings change.
	 */
	public static function flush() {
		delete_transient( self::HEALTH_TRANSIENT );
		$user_id = get_current_user_id();
		if ( $user_id ) {
			delete_transient( self::count_key( $user_id ) );
		}
		update_option( self::GENERATION_OPTION, self::generation() + 1, true );
	}

	/**
	 * Transient name of one user's count.
	 *
	 * @param int $user_id User id.
	 * @return string
	 */
	private static function count_key( $user_id ) {
		return self::COUNT_TRANSIENT_PREFIX . self::generation() . '_' . absint( $user_id );
	}

	/**
	 * Current cache generation.
	 *
	 * @return int
	 */
	private static function generation() {
		return absint( get_option( self::GENERATION_OPTION, 0 ) );
	}
}
