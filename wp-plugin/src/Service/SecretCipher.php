<?php
/**
 * Encrypts the shared secret before it goes into the options table.
 *
 * @package Cuadra
 */

namespace Cuadra\Service;

defined( 'ABSPATH' ) || exit;

/**
 * Authenticated encryption keyed from this site's salts: a database dump alone does not reveal the secret.
 */
final class SecretCipher {

	/** Binds the derived key to this one purpose, so it never equals a key WordPress itself uses. */
	const KEY_CONTEXT = 'cuadra:service-shared-secret:v1';

	const SODIUM_PREFIX  = 'sodium:';
	const OPENSSL_PREFIX = 'openssl:';
	const OPENSSL_CIPHER = 'aes-256-gcm';

	/**
	 * Encrypts a secret for storage.
	 *
	 * @param string $plain The secret.
	 * @return string Prefixed, base64 ciphertext; empty string when no cipher is available.
	 */
	public function encrypt( $plain ) {
		$key = $this->key();
		if ( function_exists( 'sodium_crypto_secretbox' ) ) {
			$nonce = random_bytes( SODIUM_CRYPTO_SECRETBOX_NONCEBYTES );
			return self::SODIUM_PREFIX . base64_encode( $nonce . sodium_crypto_secretbox( $plain, $nonce, $key ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode
		}
		if ( function_exists( 'openssl_encrypt' ) ) {
			$iv     = random_bytes( 12 );
			$tag    = '';
			$cipher = openssl_encrypt( $plain, self::OPENSSL_CIPHER, $key, OPENSSL_RAW_DATA, $iv, $tag );
			if ( false !== $cipher ) {
				return self::OPENSSL_PREFIX . base64_encode( $iv . $tag . $cipher ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode
			}
		}
		return '';
	}

	/**
	 * Decrypts a stored secret.
	 *
	 * @param string $stored What encrypt() returned.
	 * @return string The secret, or '' when it cannot be decrypted (e.g. the site's salts changed).
	 */
	public function decrypt( $stored ) {
		if ( ! is_string( $stored ) || '' === $stored ) {
			return '';
		}
		$key = $this->key();

		if ( 0 === strpos( $stored, self::SODIUM_PREFIX ) && function_exists( 'sodium_crypto_secretbox_open' ) ) {
			$raw = base64_decode( substr( $stored, strlen( self::SODIUM_PREFIX ) ), true ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_decode
			if ( false === $raw || strlen( $raw ) <= SODIUM_CRYPTO_SECRETBOX_NONCEBYTES ) {
				return '';
			}
			$plain = sodium_crypto_secretbox_open(
				substr( $raw, SODIUM_CRYPTO_SECRETBOX_NONCEBYTES ),
				substr( $raw, 0, SODIUM_CRYPTO_SECRETBOX_NONCEBYTES ),
				$key
			);
			return false === $plain ? '' : $plain;
		}

		if ( 0 === strpos( $stored, self::OPENSSL_PREFIX ) && function_exists( 'openssl_decrypt' ) ) {
			$raw = base64_decode( substr( $stored, strlen( self::OPENSSL_PREFIX ) ), true ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_decode
			if ( false === $raw || strlen( $raw ) <= 28 ) {
				return '';
			}
			$plain = openssl_decrypt( substr( $raw, 28 ), self::OPENSSL_CIPHER, $key, OPENSSL_RAW_DATA, substr( $raw, 0, 12 ), substr( $raw, 12, 16 ) );
			return false === $plain ? '' : $plain;
		}

		return '';
	}

	/**
	 * 32-byte key derived from the site's secure_auth salt.
	 *
	 * @return string
	 */
	private function key() {
		return hash_hmac( 'sha256', self::KEY_CONTEXT, wp_salt( 'secure_auth' ), true );
	}
}
