<?php
/**
 * Signed HTTP calls from WordPress to the Cuadra service.
 *
 * @package Cuadra
 */

namespace Cuadra\Service;

defined( 'ABSPATH' ) || exit;

/**
 * Sends one signed request and turns transport failures into WP_Errors a person can act on.
 */
final class ServiceClient {

	/** Seconds for calls made on behalf of an admin screen. */
	const API_TIMEOUT = 10;

	/** Seconds for checks made while an admin page renders (admin bar, notices): pages must never hang. */
	const QUICK_TIMEOUT = 3;

	/**
	 * Where the service is and how to sign.
	 *
	 * @var Connection
	 */
	private $connection;

	/**
	 * Creates a client.
	 *
	 * @param Connection|null $connection The connection settings.
	 */
	public function __construct( ?Connection $connection = null ) {
		$this->connection = $connection ? $connection : new Connection();
	}

	/**
	 * The connection in use.
	 *
	 * @return Connection
	 */
	public function connection() {
		return $this->connection;
	}

	/**
	 * Sends a signed request on behalf of the current user, or of a system identity.
	 *
	 * @param string          $method  HTTP method.
	 * @param string          $path    Service path starting with '/', e.g. /settings/company.
	 * @param string          $query   Query string without '?', already encoded ('' for none).
	 * @param string          $body    Raw JSON body ('' for none).
	 * @param int             $timeout Seconds.
	 * @param SystemUser|null $as      Sign as this system identity instead of the current user.
	 * @return array{status: int, body: string, headers: array<string, string>}|\WP_Error
	 */
	public function request( $method, $path, $query = '', $body = '', $timeout = self::API_TIMEOUT, ?SystemUser $as = null ) {
		if ( ! $this->connection->is_configured() ) {
			return new \WP_Error(
				'cuadra_service_not_configured',
				__( 'Cuadra is not connected to its service yet. An administrator can enter the service URL and shared secret under Cuadra → Settings.', 'cuadra' ),
				array( 'status' => 503 )
			);
		}

		$method = strtoupper( $method );
		$url    = $this->connection->service_url() . $path . ( '' !== $query ? '?' . $query : '' );
		$parts  = wp_parse_url( $url );
		$signed = ( isset( $parts['path'] ) ? $parts['path'] : '/' ) . ( isset( $parts['query'] ) ? '?' . $parts['query'] : '' );
		$signer = new RequestSigner( $this->connection->secret() );

		$headers = $signer->headers( $method, $signed, (string) $body, $as ? $as : wp_get_current_user() );
		$headers['Accept'] = 'application/json';
		if ( '' !== $body ) {
			$headers['Content-Type'] = 'application/json';
		}

		$response = wp_remote_request(
			$url,
			array(
				'method'             => $method,
				'headers'            => $headers,
				'body'               => '' !== $body ? $body : null,
				'timeout'            => $timeout,
				'redirection'        => 0,
				// The service is internal: loopback addresses are the normal case, not an attack.
				'reject_unsafe_urls' => false,
				'user-agent'         => 'Cuadra-WordPress/' . ( defined( 'CUADRA_VERSION' ) ? CUADRA_VERSION : '0' ),
			)
		);

		if ( is_wp_error( $response ) ) {
			return self::transport_error( $response );
		}

		$response_headers = array();
		foreach ( wp_remote_retrieve_headers( $response ) as $name => $value ) {
			$response_headers[ strtolower( $name ) ] = is_array( $value ) ? implode( ', ', $value ) : (string) $value;
		}

		return array(
			'status'  => (int) wp_remote_retrieve_response_code( $response ),
			'body'    => (string) wp_remote_retrieve_body( $response ),
			'headers' => $response_headers,
		);
	}

	/**
	 * Maps a transport failure to a timeout (504) or an unreachable service (502).
	 *
	 * @param \WP_Error $error What WP_Http returned.
	 * @return \WP_Error
	 */
	public static function transport_error( \WP_Error $error ) {
		$detail = $error->get_error_message();

		if ( 'http_request_not_executed' === $error->get_error_code() ) {
			return new \WP_Error(
				'cuadra_service_unreachable',
				__( 'WordPress blocked the request to the Cuadra service (WP_HTTP_BLOCK_EXTERNAL is on). Add the service host to WP_ACCESSIBLE_HOSTS in wp-config.php.', 'cuadra' ),
				array(
					'status' => 502,
					'reason' => 'blocked',
				)
			);
		}

		if ( preg_match( '/cURL error 28|timed out|timeout/i', $detail ) ) {
			return new \WP_Error(
				'cuadra_service_timeout',
				__( 'The Cuadra service did not answer in time. It may be overloaded or stuck; try again in a moment, and if it keeps happening restart the service.', 'cuadra' ),
				array( 'status' => 504 )
			);
		}

		if ( preg_match( '/cURL error 6|resolve host|getaddrinfo|name or service not known/i', $detail ) ) {
			$message = __( 'The Cuadra service cannot be reached: the host name in the service URL does not exist. Check the service URL.', 'cuadra' );
			$reason  = 'dns';
		} elseif ( preg_match( '/cURL error 7|refused/i', $detail ) ) {
			$message = __( 'The Cuadra service cannot be reached: nothing is listening at the service URL (connection refused). Check that the service is running and that the URL and port are right.', 'cuadra' );
			$reason  = 'refused';
		} else {
			$message = __( 'The Cuadra service cannot be reached. Check that it is running and that the service URL is right.', 'cuadra' );
			$reason  = 'other';
		}

		return new \WP_Error(
			'cuadra_service_unreachable',
			$message,
			array(
				'status' => 502,
				'reason' => $reason,
			)
		);
	}
}
