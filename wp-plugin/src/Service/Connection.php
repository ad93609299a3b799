<?php
/**
 * Where the Cuadra service is and the secret shared with it.
 *
 * @package Cuadra
 */

namespace Cuadra\Service;

defined( 'ABSPATH' ) || exit;

/**
 * Reads the connection from wp-config.php constants (which win) or from options, and saves it.
 */
final class Connection {

	const OPTION_SERVICE_URL = 'cuadra_service_url';
	const OPTION_SECRET      = 'cuadra_secret';

	/**
	 * Stores the secret encrypted.
	 *
	 * @var SecretCipher
	 */
	private $cipher;

	/**
	 * Creates the connection reader.
	 *
	 * @param SecretCipher|null $cipher Cipher for the stored secret.
	 */
	public function __construct( ?SecretCipher $cipher = null ) {
		$this->cipher = $cipher ? $cipher : new SecretCipher();
	}

	/**
	 * Whether wp-config.php defines the connection, which then cannot be edited from the admin.
	 *
	 * @return bool
	 */
	public function from_constants() {
		return defined( 'CUADRA_SERVICE_URL' ) || defined( 'CUADRA_SECRET' );
	}

	/**
	 * The service base URL without a trailing slash, or ''.
	 *
	 * @return string
	 */
	public function service_url() {
		$url = defined( 'CUADRA_SERVICE_URL' ) ? (string) constant( 'CUADRA_SERVICE_URL' ) : (string) get_option( self::OPTION_SERVICE_URL, '' );
		return untrailingslashit( trim( $url ) );
	}

	/**
	 * The shared secret in plain text, for signing only: never echo, log or return it.
	 *
	 * @return string
	 */
	public function secret() {
		if ( defined( 'CUADRA_SECRET' ) ) {
			return (string) constant( 'CUADRA_SECRET' );
		}
		return $this->cipher->decrypt( (string) get_option( self::OPTION_SECRET, '' ) );
	}

	/**
	 * Whether a usable secret is available.
	 *
	 * @return bool
	 */
	public function secret_set() {
		return '' !== $this->secret();
	}

	/**
	 * Whether both the URL and the secret are known.
	 *
	 * @return bool
	 */
	public function is_configured() {
		return '' !== $this->service_url() && $this->secret_set();
	}

	/**
	 * Saves the URL and, when given, a new secret; an empty secret keeps the stored one.
	 *
	 * @param string $service_url Already validated with validate_service_url().
	 * @param string $secret      New secret, or ''.
	 * @return true|\WP_Error
	 */
	public function save( $service_url, $secret ) {
		update_option( self::OPTION_SERVICE_URL, $service_url, false );
		if ( '' !== $secret ) {
			$stored = $this->cipher->encrypt( $secret );
			if ( '' === $stored ) {
				return new \WP_Error(
					'cuadra_no_cipher',
					__( 'The secret could not be stored because this server has neither the sodium nor the OpenSSL PHP extension. Define CUADRA_SECRET in wp-config.php instead.', 'cuadra' ),
					array( 'status' => 500 )
				);
			}
			update_option( self::OPTION_SECRET, $stored, false );
		}
		StatusCache::flush();
		return true;
	}

	/**
	 * Checks a service URL. Loopback hosts are allowed on purpose: the service usually runs next to WordPress.
	 *
	 * @param mixed $url Raw input.
	 * @return string|\WP_Error The URL without trailing slash, or an error with status 400.
	 */
	public static function validate_service_url( $url ) {
		$invalid = new \WP_Error(
			'cuadra_invalid_service_url',
			__( 'The service URL must be a full http:// or https:// address, for example http://127.0.0.1:3000.', 'cuadra' ),
			array( 'status' => 400 )
		);
		if ( ! is_string( $url ) ) {
			return $invalid;
		}
		$url = trim( $url );
		if ( '' === $url || strlen( $url ) > 2048 || preg_match( '/[\s<>"\'\\\\]/', $url ) ) {
			return $invalid;
		}
		$parts = wp_parse_url( $url );
		if ( ! is_array( $parts ) || empty( $parts['scheme'] ) || empty( $parts['host'] ) ) {
			return $invalid;
		}
		if ( ! in_array( strtolower( $parts['scheme'] ), array( 'http', 'https' ), true ) ) {
			return $invalid;
		}
		if ( isset( $parts['user'] ) || isset( $parts['pass'] ) || isset( $parts['query'] ) || isset( $parts['fragment'] ) ) {
			return $invalid;
		}
		if ( isset( $parts['port'] ) && ( $parts['port'] < 1 || $parts['port'] > 65535 ) ) {
			return $invalid;
		}
		// Host names, IPv4 and bracketed IPv6 only.
		if ( ! preg_match( '/^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)$/i', $parts['host'] ) ) {
			return $invalid;
		}
		return untrailingslashit( $url );
	}
}
