<?php
/**
 * Signs requests to the Cuadra service (docs/protocol.md, "Signed requests").
 *
 * @package Cuadra
 */

namespace Cuadra\Service;

use Cuadra\Capabilities;

defined( 'ABSPATH' ) || exit;

/**
 * HMAC-SHA256 over method, path, timestamp, nonce, body hash and user hash.
 */
final class RequestSigner {

	/**
	 * Shared secret.
	 *
	 * @var string
	 */
	private $secret;

	/**
	 * Creates a signer.
	 *
	 * @param string $secret Shared secret.
	 */
	public function __construct( $secret ) {
		$this->secret = (string) $secret;
	}

	/**
	 * Canonical string. Must stay byte-for-byte identical to canonicalString() in
	 * service/src/http/auth/request-signature.ts.
	 *
	 * @param string $method          HTTP method.
	 * @param string $path_with_query Path and query exactly as sent.
	 * @param string $timestamp       X-Cuadra-Timestamp value.
	 * @param string $nonce           X-Cuadra-Nonce value.
	 * @param string $body            Raw body ('' when none).
	 * @param string $user_header     X-Cuadra-User value.
	 * @return string
	 */
	public static function canonical( $method, $path_with_query, $timestamp, $nonce, $body, $user_header ) {
		return implode(
			"\n",
			array(
				strtoupper( $method ),
				$path_with_query,
				(string) $timestamp,
				$nonce,
				hash( 'sha256', (string) $body ),
				hash( 'sha256', $user_header ),
			)
		);
	}

	/**
	 * X-Cuadra-User value: base64url without padding of {id, login, caps, locale}.
	 *
	 * @param \WP_User|SystemUser|null $user The user behind the request (id 0 for none), or a system identity.
	 * @return string
	 */
	public static function user_header( $user ) {
		$signed = $user instanceof SystemUser ? $user->to_signed_user() : array(
			'id'     => $user instanceof \WP_User ? (int) $user->ID : 0,
			'login'  => $user instanceof \WP_User ? (string) $user->user_login : '',
			'caps'   => $user instanceof \WP_User && $user->exists() ? self::signed_caps( $user ) : array(),
			'locale' => $user instanceof \WP_User && $user->exists() ? get_user_locale( $user ) : get_locale(),
		);
		// Same bytes as JSON.stringify: no escaped slashes or Unicode.
		$json = wp_json_encode( $signed, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE );
		return rtrim( strtr( base64_encode( (string) $json ), '+/', '-_' ), '=' ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode
	}

	/**
	 * The Cuadra capabilities a user holds, plus WordPress's edit_posts (the block editor lists
	 * departments and lists through the service with it).
	 *
	 * @param \WP_User $user The user.
	 * @return string[]
	 */
	private static function signed_caps( \WP_User $user ) {
		$caps = Capabilities::held_by( $user );
		if ( $user->has_cap( 'edit_posts' ) ) {
			$caps[] = 'edit_posts';
		}
		return $caps;
	}

	/**
	 * Headers for one signed request.
	 *
	 * @param string                   $method          HTTP method.
	 * @param string                   $path_with_query Path and query exactly as they will be sent.
	 * @param string                   $body            Raw body ('' when none).
	 * @param \WP_User|SystemUser|null $user            The user behind the request, or a system identity.
	 * @param int|null                 $timestamp       Unix seconds; now when null.
	 * @param string|null              $nonce           32 hex characters; random when null.
	 * @return array<string, string>
	 */
	public function headers( $method, $path_with_query, $body, $user, $timestamp = null, $nonce = null ) {
		$timestamp   = (string) ( null === $timestamp ? time() : (int) $timestamp );
		$nonce       = null === $nonce ? bin2hex( random_bytes( 16 ) ) : (string) $nonce;
		$user_header = self::user_header( $user );
		$signature   = hash_hmac( 'sha256', self::canonical( $method, $path_with_query, $timestamp, $nonce, $body, $user_header ), $this->secret );
		return array(
			'X-Cuadra-Timestamp' => $timestamp,
			'X-Cuadra-Nonce'     => $nonce,
			'X-Cuadra-User'      => $user_header,
			'X-Cuadra-Signature' => $signature,
		);
	}
}
