<?php
/**
 * Asks the service who it is and explains in plain words what went wrong.
 *
 * @package Cuadra
 */

namespace Cuadra\Service;

defined( 'ABSPATH' ) || exit;

/**
 * One signed GET /connection, turned into { ok, code, message }.
 */
final class ConnectionCheck {

	/** Must match the service's accepted window (docs/protocol.md). */
	const ALLOWED_SKEW_SECONDS = 300;

	/**
	 * Sends the request.
	 *
	 * @var ServiceClient
	 */
	private $client;

	/**
	 * Creates the check.
	 *
	 * @param ServiceClient|null $client Client to use.
	 */
	public function __construct( ?ServiceClient $client = null ) {
		$this->client = $client ? $client : new ServiceClient();
	}

	/**
	 * Runs the check now.
	 *
	 * @param int $timeout Seconds.
	 * @return array{ok: bool, code: string, message: string}
	 */
	public function run( $timeout = 5 ) {
		if ( ! $this->client->connection()->is_configured() ) {
			return self::result( 'not_configured', __( 'Cuadra is not connected yet: enter the service URL and the shared secret, then save.', 'cuadra' ) );
		}

		$sent_at  = time();
		$response = $this->client->request( 'GET', '/connection', '', '', $timeout );

		if ( is_wp_error( $response ) ) {
			$code = 'cuadra_service_timeout' === $response->get_error_code() ? 'timeout' : 'unreachable';
			return self::result( $code, $response->get_error_message() );
		}

		$status = $response['status'];
		$json   = json_decode( $response['body'], true );
		$error  = self::first_error( $json );

		if ( 200 === $status ) {
			if ( is_array( $json ) && isset( $json['service'] ) && 'cuadra' === $json['service'] ) {
				return self::result(
					'ok',
					isset( $json['version'] ) && is_string( $json['version'] )
						/* translators: %s: version number of the Cuadra service, e.g. 0.1.0 */
						? sprintf( __( 'Connected to the Cuadra service (version %s).', 'cuadra' ), $json['version'] )
						: __( 'Connected to the Cuadra service.', 'cuadra' )
				);
			}
			return self::not_cuadra();
		}

		if ( null === $error ) {
			// Not our error shape: an HTML page, another API, a proxy's error page.
			return self::not_cuadra();
		}

		if ( 401 === $status ) {
			if ( 'TIMESTAMP_SKEW' === $error['code'] ) {
				return self::result( 'clock_skew', self::skew_message( $response['headers'], $sent_at ) );
			}
			if ( in_array( $error['code'], array( 'SIGNATURE_INVALID', 'SIGNATURE_MISSING' ), true ) ) {
				return self::result( 'wrong_secret', __( 'The Cuadra service rejected the signature: the shared secret saved here is not the one the service uses. Enter the same secret on both sides.', 'cuadra' ) );
			}
		}

		if ( 503 === $status && 'DATABASE_UNAVAILABLE' === $error['code'] ) {
			return self::result( 'service_error', __( 'The Cuadra service is running but cannot reach its database. Check that MySQL is up and that the service can connect to it.', 'cuadra' ) );
		}

		return self::result(
			'service_error',
			/* translators: 1: HTTP status code, 2: error code sent by the service */
			sprintf( __( 'The Cuadra service answered with an error (HTTP %1$d, %2$s). Check the service logs.', 'cuadra' ), $status, $error['code'] )
		);
	}

	/**
	 * The check as admin pages use it: cached for a short while, quick timeout.
	 *
	 * @return array{ok: bool, code: string, message: string}
	 */
	public function cached() {
		$health = StatusCache::health();
		if ( null === $health ) {
			$health = $this->run( ServiceClient::QUICK_TIMEOUT );
			StatusCache::remember_health( $health );
		}
		return $health;
	}

	/**
	 * Says by how much, and in which direction, the two clocks differ.
	 *
	 * @param array<string, string> $headers Response headers (lower-case names).
	 * @param int                   $sent_at Our clock when the request left.
	 * @return string
	 */
	private static function skew_message( array $headers, $sent_at ) {
		$service_time = isset( $headers['date'] ) ? strtotime( $headers['date'] ) : false;
		if ( false === $service_time ) {
			return __( 'The clocks of this WordPress server and the Cuadra service differ by more than 5 minutes, so the service refuses signed requests. Synchronise both clocks (for example with NTP).', 'cuadra' );
		}

		$difference = $service_time - $sent_at;
		$amount     = self::duration( abs( $difference ) );
		$message    = $difference > 0
			/* translators: %s: a duration, e.g. "7 minutes" */
			? __( 'The Cuadra service\'s clock is %s ahead of this WordPress server\'s clock. Signed requests are accepted only within 5 minutes, so synchronise both clocks (for example with NTP).', 'cuadra' )
			/* translators: %s: a duration, e.g. "7 minutes" */
			: __( 'The Cuadra service\'s clock is %s behind this WordPress server\'s clock. Signed requests are accepted only within 5 minutes, so synchronise both clocks (for example with NTP).', 'cuadra' );
		return sprintf( $message, $amount );
	}

	/**
	 * "45 seconds", "7 minutes", "3 hours", "2 days".
	 *
	 * @param int $seconds Non-negative seconds.
	 * @return string
	 */
	private static function duration( $seconds ) {
		if ( $seconds < 120 ) {
			/* translators: %d: number of seconds */
			return sprintf( _n( '%d second', '%d seconds', $seconds, 'cuadra' ), $seconds );
		}
		$minutes = (int) round( $seconds / 60 );
		if ( $minutes < 120 ) {
			/* translators: %d: number of minutes */
			return sprintf( _n( '%d minute', '%d minutes', $minutes, 'cuadra' ), $minutes );
		}
		$hours = (int) round( $seconds / 3600 );
		if ( $hours < 48 ) {
			/* translators: %d: number of hours */
			return sprintf( _n( '%d hour', '%d hours', $hours, 'cuadra' ), $hours );
		}
		$days = (int) round( $seconds / 86400 );
		/* translators: %d: number of days */
		return sprintf( _n( '%d day', '%d days', $days, 'cuadra' ), $days );
	}

	/**
	 * The service's first error entry, when the body has the Cuadra error shape.
	 *
	 * @param mixed $json Decoded body.
	 * @return array{code: string, message: string}|null
	 */
	private static function first_error( $json ) {
		if ( ! is_array( $json ) || ! isset( $json['errors'][0]['code'] ) || ! is_string( $json['errors'][0]['code'] ) ) {
			return null;
		}
		return array(
			'code'    => $json['errors'][0]['code'],
			'message' => isset( $json['errors'][0]['message'] ) ? (string) $json['errors'][0]['message'] : '',
		);
	}

	/**
	 * Result for something that answers but is not the Cuadra service.
	 *
	 * @return array{ok: bool, code: string, message: string}
	 */
	private static function not_cuadra() {
		return self::result( 'not_cuadra', __( 'Something answers at the service URL, but it is not the Cuadra service (it did not reply as Cuadra does). Check the address and the port.', 'cuadra' ) );
	}

	/**
	 * Builds the result array.
	 *
	 * @param string $code    ok|not_configured|unreachable|timeout|wrong_secret|clock_skew|not_cuadra|service_error.
	 * @param string $message Translated plain words.
	 * @return array{ok: bool, code: string, message: string}
	 */
	private static function result( $code, $message ) {
		return array(
			'ok'      => 'ok' === $code,
			'code'    => $code,
			'message' => $message,
		);
	}
}
