<?php
/**
 * How the plugin's durable queues retry deliveries to the service: the backoff, the next cron run,
 * and the service's refusal in one line.
 *
 * @package Cuadra
 */

namespace Cuadra\Service;

defined( 'ABSPATH' ) || exit;

/**
 * Shared by the contact-form outbox and the same-site order queue, so both wait and report alike.
 */
final class RetrySchedule {

	/** First retry after a minute, doubling up to six hours. */
	const FIRST_RETRY_SECONDS = 60;
	const MAX_RETRY_SECONDS   = 21600;

	/**
	 * Wait before attempt number $attempts + 1: 1, 2, 4, 8 … minutes, at most six hours.
	 *
	 * @param int $attempts Attempts made so far (≥ 1).
	 * @return int Seconds.
	 */
	public static function backoff_seconds( $attempts ) {
		$exponent = min( 20, max( 0, (int) $attempts - 1 ) );
		return (int) min( self::MAX_RETRY_SECONDS, self::FIRST_RETRY_SECONDS * ( 2 ** $exponent ) );
	}

	/**
	 * Schedules one run of a cron hook at the earliest due time while rows wait; none when nothing waits.
	 * An earlier run already scheduled (within 30 s) is kept.
	 *
	 * @param string   $hook     The cron hook.
	 * @param int|null $next_due Unix time of the earliest due row, or null when the queue is empty.
	 */
	public static function schedule_next( $hook, $next_due ) {
		if ( null === $next_due ) {
			return;
		}
		$scheduled = wp_next_scheduled( $hook );
		if ( false === $scheduled || $scheduled > max( $next_due, time() ) + 30 ) {
			wp_clear_scheduled_hook( $hook );
			wp_schedule_single_event( max( $next_due, time() ), $hook );
		}
	}

	/**
	 * The service's field errors as one line for admins, or the raw answer when it has none.
	 *
	 * @param mixed  $errors The `errors` list of the service's answer.
	 * @param string $body   The raw answer.
	 * @return string At most 1000 bytes.
	 */
	public static function describe_rejection( $errors, $body ) {
		if ( is_array( $errors ) ) {
			$parts = array();
			foreach ( $errors as $error ) {
				if ( is_array( $error ) ) {
					$parts[] = ( isset( $error['property'] ) ? $error['property'] . ': ' : '' ) . ( isset( $error['message'] ) ? $error['message'] : '' );
				}
			}
			if ( $parts ) {
				return substr( implode( '; ', $parts ), 0, 1000 );
			}
		}
		return substr( (string) $body, 0, 1000 );
	}
}
