<?php
/**
 * The links of list e-mails: `?cuadra_list_action=confirm|unsubscribe&token=…` on any front-end URL.
 *
 * @package Cuadra
 */

namespace Cuadra\Lists;

use Cuadra\Service\ServiceClient;
use Cuadra\Service\SystemUser;

defined( 'ABSPATH' ) || exit;

/**
 * A GET only shows a page with a button (mail link scanners open links and must neither confirm nor
 * unsubscribe anyone); the button POSTs back to the same URL and the action happens then. A mail
 * client's RFC 8058 one-click POST (body `List-Unsubscribe=One-Click`) unsubscribes directly.
 *
 * No nonce: the people who follow these links are e-mail recipients, not logged-in users, and a nonce
 * would not survive the e-mail. The token (256 random bits, known to the service only as a hash) is the
 * credential; the service checks it and does nothing for an unknown one.
 */
final class ListActionHandler {

	const ACTION_PARAM = 'cuadra_list_action';
	const TOKEN_PARAM  = 'token';

	/** Name of the page button's field, so a POST from the page is told from a one-click POST. */
	const SUBMIT_FIELD = 'cuadra_list_submit';

	/** Seconds a visitor waits for the service. */
	const TIMEOUT = 8;

	/**
	 * Signed client.
	 *
	 * @var ServiceClient
	 */
	private $client;

	/**
	 * Creates the handler.
	 *
	 * @param ServiceClient|null $client Client to use.
	 */
	public function __construct( ?ServiceClient $client = null ) {
		$this->client = $client ? $client : new ServiceClient();
	}

	/**
	 * Hooks in before the theme renders anything.
	 */
	public function register() {
		add_action( 'template_redirect', array( $this, 'handle' ), 1 );
	}

	/**
	 * The action named in the query, or '' when the request is not ours.
	 *
	 * @return string
	 */
	private static function requested_action() {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- the token is the credential (see the class comment).
		$action = isset( $_GET[ self::ACTION_PARAM ] ) ? sanitize_key( wp_unslash( $_GET[ self::ACTION_PARAM ] ) ) : '';
		return in_array( $action, array( 'confirm', 'unsubscribe' ), true ) ? $action : '';
	}

	/**
	 * The token in the query, or '' when it cannot be one (tokens are base64url).
	 *
	 * @return string
	 */
	private static function requested_token() {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- the token is the credential.
		$token = isset( $_GET[ self::TOKEN_PARAM ] ) ? sanitize_text_field( wp_unslash( $_GET[ self::TOKEN_PARAM ] ) ) : '';
		return preg_match( '/^[A-Za-z0-9_-]{20,128}$/', $token ) ? $token : '';
	}

	/**
	 * Template_redirect: answers list links and stops; leaves every other request alone.
	 */
	public function handle() {
		$action = self::requested_action();
		if ( '' === $action ) {
			return;
		}
		$token  = self::requested_token();
		$method = isset( $_SERVER['REQUEST_METHOD'] ) ? strtoupper( sanitize_key( wp_unslash( $_SERVER['REQUEST_METHOD'] ) ) ) : 'GET';

		nocache_headers();
		// The URL holds the token: it must not travel on to other sites or into search engines.
		header( 'Referrer-Policy: no-referrer' );
		header( 'X-Robots-Tag: noindex, nofollow' );

		if ( 'POST' === $method ) {
			// phpcs:disable WordPress.Security.NonceVerification.Missing -- the token is the credential (see the class comment).
			$one_click = isset( $_POST['List-Unsubscribe'] ) && 'One-Click' === sanitize_text_field( wp_unslash( $_POST['List-Unsubscribe'] ) );
			$from_page = isset( $_POST[ self::SUBMIT_FIELD ] );
			// phpcs:enable
			if ( $one_click && ! $from_page ) {
				$this->one_click( $action, $token );
				exit;
			}
			$this->perform( $action, $token );
			exit;
		}
		$this->show( $action, $token );
		exit;
	}

	/**
	 * RFC 8058: the mail client POSTs without a person looking; the answer is a status, not a page.
	 *
	 * @param string $action The action in the URL.
	 * @param string $token  The token in the URL.
	 */
	private function one_click( $action, $token ) {
		if ( 'unsubscribe' !== $action || '' === $token ) {
			status_header( 400 );
			header( 'Content-Type: text/plain; charset=utf-8' );
			echo esc_html__( 'This link cannot unsubscribe anyone.', 'cuadra' );
			return;
		}
		$result = $this->call( 'POST', '/list-actions/unsubscribe', '', array( 'token' => $token, 'method' => 'one-click' ) );
		status_header( is_wp_error( $result ) ? self::error_status( $result ) : 200 );
		header( 'Content-Type: text/plain; charset=utf-8' );
		echo is_wp_error( $result ) ? esc_html( $result->get_error_message() ) : esc_html__( 'You have been unsubscribed.', 'cuadra' );
	}

	/**
	 * GET: what the link is about, and a button to do it. Nothing changes here.
	 *
	 * @param string $action The action in the URL.
	 * @param string $token  The token in the URL.
	 */
	private function show( $action, $token ) {
		$state = '' === $token ? self::invalid_link() : $this->call( 'GET', '/list-actions/describe', 'token=' . rawurlencode( $token ), null );
		if ( is_wp_error( $state ) ) {
			$this->render( self::error_status( $state ), __( 'This link does not work', 'cuadra' ), $state->get_error_message(), '' );
			return;
		}
		$list  = isset( $state['list']['name'] ) ? (string) $state['list']['name'] : '';
		$email = isset( $state['email_masked'] ) ? (string) $state['email_masked'] : '';
		$now   = isset( $state['status'] ) ? (string) $state['status'] : '';

		if ( 'unsubscribe' === $action ) {
			if ( 'unsubscribed' === $now ) {
				/* translators: 1: list name, 2: masked e-mail address. */
				$this->render( 200, __( 'You are unsubscribed', 'cuadra' ), sprintf( __( '%2$s no longer receives “%1$s”.', 'cuadra' ), $list, $email ), '' );
				return;
			}
			$this->render(
				200,
				__( 'Unsubscribe', 'cuadra' ),
				/* translators: 1: list name, 2: masked e-mail address. */
				sprintf( __( 'Stop sending “%1$s” to %2$s?', 'cuadra' ), $list, $email ),
				__( 'Unsubscribe', 'cuadra' )
			);
			return;
		}

		if ( 'subscribed' === $now ) {
			/* translators: 1: list name, 2: masked e-mail address. */
			$this->render( 200, __( 'Subscription confirmed', 'cuadra' ), sprintf( __( '%2$s is already subscribed to “%1$s”.', 'cuadra' ), $list, $email ), '' );
			return;
		}
		if ( 'unsubscribed' === $now ) {
			$this->render( 200, __( 'This link does not work', 'cuadra' ), __( 'This address unsubscribed from the list, so the subscription cannot be confirmed.', 'cuadra' ), '' );
			return;
		}
		$this->render(
			200,
			__( 'Confirm your subscription', 'cuadra' ),
			/* translators: 1: list name, 2: masked e-mail address. */
			sprintf( __( 'Send “%1$s” to %2$s?', 'cuadra' ), $list, $email ),
			__( 'Confirm subscription', 'cuadra' )
		);
	}

	/**
	 * POST from the page's button: does it, then says what happened.
	 *
	 * @param string $action The action in the URL.
	 * @param string $token  The token in the URL.
	 */
	private function perform( $action, $token ) {
		if ( '' === $token ) {
			$result = self::invalid_link();
		} elseif ( 'unsubscribe' === $action ) {
			$result = $this->call( 'POST', '/list-actions/unsubscribe', '', array( 'token' => $token, 'method' => 'link' ) );
		} else {
			$result = $this->call( 'POST', '/list-actions/confirm', '', array( 'token' => $token ) );
		}
		if ( is_wp_error( $result ) ) {
			$this->render( self::error_status( $result ), __( 'This link does not work', 'cuadra' ), $result->get_error_message(), '' );
			return;
		}
		$list   = isset( $result['list']['name'] ) ? (string) $result['list']['name'] : '';
		$email  = isset( $result['email_masked'] ) ? (string) $result['email_masked'] : '';
		$status = isset( $result['status'] ) ? (string) $result['status'] : '';
		if ( 'unsubscribe' === $action ) {
			/* translators: 1: list name, 2: masked e-mail address. */
			$this->render( 200, __( 'You are unsubscribed', 'cuadra' ), sprintf( __( '%2$s no longer receives “%1$s”.', 'cuadra' ), $list, $email ), '' );
		} elseif ( 'subscribed' === $status ) {
			/* translators: 1: list name, 2: masked e-mail address. */
			$this->render( 200, __( 'Subscription confirmed', 'cuadra' ), sprintf( __( 'Thank you: %2$s is now subscribed to “%1$s”.', 'cuadra' ), $list, $email ), '' );
		} else {
			$this->render( 200, __( 'This link does not work', 'cuadra' ), __( 'This address unsubscribed from the list, so the subscription cannot be confirmed.', 'cuadra' ), '' );
		}
	}

	/**
	 * One signed call as the form system user: visitors have no WordPress account.
	 *
	 * @param string     $method HTTP method.
	 * @param string     $path   Service path.
	 * @param string     $query  Encoded query string.
	 * @param array|null $body   JSON body.
	 * @return array<string, mixed>|\WP_Error
	 */
	private function call( $method, $path, $query, $body ) {
		$response = $this->client->request( $method, $path, $query, null === $body ? '' : (string) wp_json_encode( $body ), self::TIMEOUT, SystemUser::form_submitter() );
		if ( is_wp_error( $response ) ) {
			return new \WP_Error( 'cuadra_list_unavailable', __( 'We cannot do this right now. Please try again in a few minutes.', 'cuadra' ), array( 'status' => 503 ) );
		}
		$data = json_decode( $response['body'], true );
		if ( 404 === $response['status'] || 422 === $response['status'] ) {
			return self::invalid_link();
		}
		if ( $response['status'] < 200 || $response['status'] >= 300 || ! is_array( $data ) ) {
			return new \WP_Error( 'cuadra_list_unavailable', __( 'We cannot do this right now. Please try again in a few minutes.', 'cuadra' ), array( 'status' => 503 ) );
		}
		return $data;
	}

	/**
	 * The one answer for every unknown, expired or mangled token.
	 *
	 * @return \WP_Error
	 */
	private static function invalid_link() {
		return new \WP_Error(
			'cuadra_list_invalid_link',
			__( 'This link is not valid any more. If you copied it, check that it is complete; otherwise use the link in the most recent e-mail.', 'cuadra' ),
			array( 'status' => 404 )
		);
	}

	/**
	 * HTTP status of an error.
	 *
	 * @param \WP_Error $error The error.
	 * @return int
	 */
	private static function error_status( \WP_Error $error ) {
		$data = $error->get_error_data();
		return is_array( $data ) && isset( $data['status'] ) ? (int) $data['status'] : 500;
	}

	/**
	 * A small standalone page (independent of the theme, which may be a block theme without header.php).
	 *
	 * @param int    $status  HTTP status.
	 * @param string $title   Heading.
	 * @param string $message Text under it.
	 * @param string $button  Label of the button that POSTs to this same URL ('' for none).
	 */
	private function render( $status, $title, $message, $button ) {
		status_header( $status );
		header( 'Content-Type: text/html; charset=utf-8' );
		$site = get_bloginfo( 'name' );
		?>
<!DOCTYPE html>
<html <?php language_attributes(); ?>>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title><?php echo esc_html( $title . ' · ' . $site ); ?></title>
<style>
body{font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,sans-serif;background:#f6f7f7;color:#1d2327;margin:0;padding:8vh 1rem}
main{max-width:32rem;margin:0 auto;background:#fff;border:1px solid #dcdcde;border-radius:8px;padding:2rem}
h1{font-size:1.4rem;margin:0 0 1rem}p{line-height:1.5}
button{font:inherit;background:#2271b1;color:#fff;border:0;border-radius:4px;padding:.6rem 1.2rem;cursor:pointer}
button:focus{outline:2px solid #135e96;outline-offset:2px}a{color:#2271b1}
</style>
</head>
<body>
<main>
<h1><?php echo esc_html( $title ); ?></h1>
<p><?php echo esc_html( $message ); ?></p>
		<?php if ( '' !== $button ) : ?>
<form method="post" action="">
<input type="hidden" name="<?php echo esc_attr( self::SUBMIT_FIELD ); ?>" value="1">
<button type="submit"><?php echo esc_html( $button ); ?></button>
</form>
		<?php endif; ?>
<p><a href="<?php echo esc_url( home_url( '/' ) ); ?>"><?php echo esc_html( $site ); ?></a></p>
</main>
</body>
</html>
		<?php
	}
}
