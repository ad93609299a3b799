<?php
/**
 * The signed time a form was shown: too fast means a bot, too old means show it again.
 *
 * @package Cuadra
 */

namespace Cuadra\Forms;

defined( 'ABSPATH' ) || exit;

/**
 * "<unix time>.<HMAC>" over the time, post and form, keyed with a WordPress salt. Works on cached
 * pages (no per-visitor state), unlike a nonce.
 */
final class TimeToken {

	/** A person needs at least this long to fill in a form. */
	const MIN_SECONDS = 3;

	/** After this the token is stale: the form is shown again with a fresh one and the typed values. */
	const MAX_SECONDS = DAY_IN_SECONDS;

	const VALID    = 'valid';
	const TOO_FAST = 'too_fast';
	const EXPIRED  = 'expired';

	/**
	 * A token for a form shown now.
	 *
	 * @param int      $post_id Post holding the form.
	 * @param string   $form_id The block's formId.
	 * @param int|null $now     Unix seconds.
	 * @return string
	 */
	public static function issue( $post_id, $form_id, $now = null ) {
		$time = null === $now ? time() : (int) $now;
		return $time . '.' . self::signature( $time, $post_id, $form_id );
	}

	/**
	 * How a posted token stands. A forged or unreadable token counts as expired: a person whose page
	 * outlived a salt change gets the form back, and a bot gains nothing.
	 *
	 * @param mixed    $token   Posted token.
	 * @param int      $post_id Post holding the form.
	 * @param string   $form_id The block's formId.
	 * @param int|null $now     Unix seconds.
	 * @return string One of VALID, TOO_FAST, EXPIRED.
	 */
	public static function check( $token, $post_id, $form_id, $now = null ) {
		$now = null === $now ? time() : (int) $now;
		if ( ! is_string( $token ) || ! preg_match( '/^(\d{1,12})\.([0-9a-f]{64})$/', $token, $parts ) ) {
			return self::EXPIRED;
		}
		$issued = (int) $parts[1];
		if ( ! hash_equals( self::signature( $issued, $post_id, $form_id ), $parts[2] ) ) {
			return self::EXPIRED;
		}
		$age = $now - $issued;
		if ( $age > self::MAX_SECONDS || $age < -60 ) {
			return self::EXPIRED;
		}
		return $age < self::MIN_SECONDS ? self::TOO_FAST : self::VALID;
	}

	/**
	 * HMAC of one token.
	 *
	 * @param int    $time    Unix seconds.
	 * @param int    $post_id Post id.
	 * @param string $form_id Form id.
	 * @return string
	 */
	private static function signature( $time, $post_id, $form_id ) {
		return hash_hmac( 'sha256', 'cuadra-contact-form|' . (int) $time . '|' . (int) $post_id . '|' . $form_id, wp_salt( 'nonce' ) );
	}
}
