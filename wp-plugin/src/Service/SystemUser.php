<?php
/**
 * A non-person identity the plugin signs as when no WordPress user is behind a call.
 *
 * @package Cuadra
 */

namespace Cuadra\Service;

defined( 'ABSPATH' ) || exit;

/**
 * User id 0 with a fixed login and only the capabilities its job needs.
 */
final class SystemUser {

	/** The capability the service requires to accept contact-form submissions. */
	const FORM_SUBMIT_CAP = 'cuadra_form_submit';

	/**
	 * Login shown in the service's logs.
	 *
	 * @var string
	 */
	private $login;

	/**
	 * Capabilities sent in the signed user header.
	 *
	 * @var string[]
	 */
	private $caps;

	/**
	 * Creates a system identity.
	 *
	 * @param string   $login Login shown in the service's logs.
	 * @param string[] $caps  Capabilities it holds.
	 */
	public function __construct( $login, array $caps ) {
		$this->login = (string) $login;
		$this->caps  = array_values( array_map( 'strval', $caps ) );
	}

	/**
	 * The identity that delivers contact-form submissions to the service.
	 *
	 * @return SystemUser
	 */
	public static function form_submitter() {
		return new self( 'cuadra-contact-form', array( self::FORM_SUBMIT_CAP ) );
	}

	/**
	 * The signed user description: {id, login, caps, locale}.
	 *
	 * @return array{id: int, login: string, caps: string[], locale: string}
	 */
	public function to_signed_user() {
		return array(
			'id'     => 0,
			'login'  => $this->login,
			'caps'   => $this->caps,
			'locale' => get_locale(),
		);
	}
}
