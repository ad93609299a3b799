<?php
/**
 * Takes a contact-form submission from either door (plain POST or the REST route) and decides what
 * happens to it: rate limit, spam, stale form, field errors, or stored and delivered.
 *
 * @package Cuadra
 */

namespace Cuadra\Forms;

defined( 'ABSPATH' ) || exit;

/**
 * One path for both doors, so the page without JavaScript and the enhanced form behave the same.
 */
final class SubmissionHandler {

	const ACTION = 'cuadra_contact_submit';

	/** Name of the honeypot input: people never see it, form-filling bots do. */
	const HONEYPOT = 'cuadra_website';

	/** Query parameter carrying the outcome of a plain POST back to the page. */
	const RESULT_PARAM = 'cuadra_result';

	/** Seconds the outcome waits for the redirected page. */
	const RESULT_TTL = 600;

	/**
	 * Delivers stored submissions.
	 *
	 * @var SubmissionDelivery
	 */
	private $delivery;

	/**
	 * Creates the handler.
	 *
	 * @param SubmissionDelivery|null $delivery Delivery to use.
	 */
	public function __construct( ?SubmissionDelivery $delivery = null ) {
		$this->delivery = $delivery ? $delivery : new SubmissionDelivery();
	}

	/**
	 * Hooks the plain POST to admin-post.php, for visitors and logged-in users alike.
	 */
	public function register() {
		add_action( 'admin_post_nopriv_' . self::ACTION, array( $this, 'handle_plain_post' ) );
		add_action( 'admin_post_' . self::ACTION, array( $this, 'handle_plain_post' ) );
	}

	/**
	 * The form posted without JavaScript: process, then Post/Redirect/Get back to the page with the
	 * outcome in a short-lived transient keyed by a random token.
	 *
	 * No nonce on purpose: visitors are anonymous and pages are cached (a stale nonce would lose the
	 * enquiry); the signed time token, the honeypot and the rate limit stand in for it.
	 */
	public function handle_plain_post() {
		// phpcs:disable WordPress.Security.NonceVerification.Missing -- see above.
		$post_id = isset( $_POST['cuadra_post_id'] ) ? absint( wp_unslash( $_POST['cuadra_post_id'] ) ) : 0;
		$form_id = isset( $_POST['cuadra_form_id'] ) ? self::clean_form_id( wp_unslash( $_POST['cuadra_form_id'] ) ) : ''; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized
		$raw     = isset( $_POST['cuadra'] ) && is_array( $_POST['cuadra'] ) ? wp_unslash( $_POST['cuadra'] ) : array(); // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- validated field by field.
		$token   = isset( $_POST['cuadra_token'] ) ? sanitize_text_field( wp_unslash( $_POST['cuadra_token'] ) ) : '';
		$trap    = isset( $_POST[ self::HONEYPOT ] ) ? sanitize_text_field( wp_unslash( $_POST[ self::HONEYPOT ] ) ) : '';
		// phpcs:enable

		$result = $this->process( $post_id, $form_id, $raw, $token, $trap );
		$page   = $post_id ? get_permalink( $post_id ) : false;
		if ( ! $page ) {
			$page = home_url( '/' );
		}
		if ( ! empty( $result['redirect'] ) ) {
			wp_safe_redirect( $result['redirect'], 303 );
			exit;
		}
		$key = wp_generate_password( 24, false );
		set_transient(
			'cuadra_form_result_' . $key,
			array(
				'post_id' => $post_id,
				'form_id' => $form_id,
				'status'  => $result['status'],
				'message' => $result['message'],
				'errors'  => $result['errors'],
				'values'  => 'sent' === $result['status'] ? array() : $result['values'],
			),
			self::RESULT_TTL
		);
		wp_safe_redirect( add_query_arg( self::RESULT_PARAM, $key, $page ) . '#cuadra-form-' . $form_id, 303 );
		exit;
	}

	/**
	 * The outcome a plain POST left for this form, read once.
	 *
	 * @param int    $post_id Post holding the form.
	 * @param string $form_id The block's formId.
	 * @return array<string, mixed>|null
	 */
	public static function pending_result( $post_id, $form_id ) {
		static $read = array();
		$key = isset( $_GET[ self::RESULT_PARAM ] ) ? preg_replace( '/[^A-Za-z0-9]/', '', sanitize_text_field( wp_unslash( $_GET[ self::RESULT_PARAM ] ) ) ) : ''; // phpcs:ignore WordPress.Security.NonceVerification.Recommended
		if ( '' === $key ) {
			return null;
		}
		if ( ! array_key_exists( $key, $read ) ) {
			$read[ $key ] = get_transient( 'cuadra_form_result_' . $key );
			delete_transient( 'cuadra_form_result_' . $key );
		}
		$result = $read[ $key ];
		if ( ! is_array( $result ) || (int) $result['post_id'] !== (int) $post_id || (string) $result['form_id'] !== (string) $form_id ) {
			return null;
		}
		return $result;
	}

	/**
	 * Decides what happens to one submission.
	 *
	 * @param int                  $post_id Post holding the form (as posted).
	 * @param string               $form_id The block's formId (as posted).
	 * @param array<string, mixed> $raw     Posted field values, unslashed.
	 * @param string               $token   Posted time token.
	 * @param string               $trap    Posted honeypot value.
	 * @return array{status: string, http: int, message: string, errors: array<string, string>, values: array<string, mixed>, redirect: string, token: string}
	 */
	public function process( $post_id, $form_id, array $raw, $token, $trap ) {
		$result = array(
			'status'   => '',
			'http'     => 200,
			'message'  => '',
			'errors'   => array(),
			'values'   => array(),
			'redirect' => '',
			'token'    => '',
		);
		$form = FormDefinition::find( $post_id, $form_id );
		if ( ! $form ) {
			return array_merge(
				$result,
				array(
					'status'  => 'gone',
					'http'    => 404,
					'message' => __( 'This form is no longer available. Reload the page and try again.', 'cuadra' ),
				)
			);
		}
		$result['values'] = self::typed_values( $form, $raw );
		$ip               = RateLimiter::client_ip();

		if ( RateLimiter::is_limited( $ip ) ) {
			return array_merge(
				$result,
				array(
					'status'  => 'rate_limited',
					'http'    => 429,
					'message' => __( 'You have sent several messages in the last few minutes. Please wait ten minutes and send this one again; what you typed is still here.', 'cuadra' ),
				)
			);
		}

		$time = TimeToken::check( $token, $form->post_id, $form->form_id );
		$spam = '' !== $trap ? 'honeypot' : ( TimeToken::TOO_FAST === $time ? 'too_fast' : '' );
		if ( '' !== $spam ) {
			RateLimiter::record( $ip );
			SubmissionStore::log_spam( $form->post_id, $form->form_id, $spam, RateLimiter::hash_ip( $ip ) );
			error_log( sprintf( 'Cuadra: contact form spam (%s) on post %d, form %s; nothing stored.', $spam, $form->post_id, $form->form_id ) ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log
			// Bots get exactly what people get.
			return array_merge( $result, self::thank_you( $form ), array( 'values' => array() ) );
		}
		if ( TimeToken::EXPIRED === $time ) {
			return array_merge(
				$result,
				array(
					'status'  => 'expired',
					'message' => __( 'This page was open for a long time, so the form was refreshed. Check your message and send it again.', 'cuadra' ),
					'token'   => TimeToken::issue( $form->post_id, $form->form_id ),
				)
			);
		}

		$checked = SubmissionValidator::validate( $form, $raw );
		if ( $checked['errors'] ) {
			$count = count( $checked['errors'] );
			return array_merge(
				$result,
				array(
					'status'  => 'invalid',
					'http'    => 422,
					/* translators: %d: number of fields with a problem. */
					'message' => sprintf( _n( 'There is a problem with %d field:', 'There are problems with %d fields:', $count, 'cuadra' ), $count ),
					'errors'  => $checked['errors'],
				)
			);
		}

		RateLimiter::record( $ip );
		$uuid = wp_generate_uuid4();
		$id   = SubmissionStore::insert( $uuid, $form->post_id, $form->form_id, self::payload( $form, $checked['values'], $uuid, $ip ) );
		if ( ! $id ) {
			return array_merge(
				$result,
				array(
					'status'  => 'error',
					'http'    => 500,
					'message' => __( 'Your message could not be saved. Please try again in a moment.', 'cuadra' ),
				)
			);
		}
		// Stored: the visitor is answered now, the ticket is created moments later (SubmissionDelivery).
		$this->delivery->after_store( $id );
		return array_merge( $result, self::thank_you( $form ), array( 'values' => array() ) );
	}

	/**
	 * The success outcome: the form's thank-you message, or its redirect.
	 *
	 * @param FormDefinition $form The form.
	 * @return array<string, mixed>
	 */
	private static function thank_you( FormDefinition $form ) {
		$message  = '' !== $form->settings['thank_you'] ? $form->settings['thank_you'] : __( 'Thank you. We have received your message and will answer soon.', 'cuadra' );
		$redirect = '';
		if ( 'redirect' === $form->settings['after_submit'] && '' !== $form->settings['redirect_url'] ) {
			$redirect = wp_validate_redirect( esc_url_raw( $form->settings['redirect_url'] ), '' );
		}
		return array(
			'status'   => 'sent',
			'http'     => 200,
			'message'  => $message,
			'redirect' => $redirect,
		);
	}

	/**
	 * What the visitor typed, for the form shown again (only the form's own fields).
	 *
	 * @param FormDefinition       $form The form.
	 * @param array<string, mixed> $raw  Posted values.
	 * @return array<string, mixed>
	 */
	private static function typed_values( FormDefinition $form, array $raw ) {
		$values = array();
		foreach ( $form->fields as $key => $field ) {
			$given = isset( $raw[ $key ] ) ? $raw[ $key ] : '';
			if ( is_array( $given ) ) {
				$values[ $key ] = array_values( array_filter( array_map( 'strval', array_filter( $given, 'is_scalar' ) ) ) );
			} else {
				$values[ $key ] = is_scalar( $given ) ? wp_check_invalid_utf8( (string) $given, true ) : '';
			}
		}
		return $values;
	}

	/**
	 * The body for the service's POST /contact-submissions (docs/protocol.md).
	 *
	 * @param FormDefinition       $form   The form.
	 * @param array<string, mixed> $values Validated values.
	 * @param string               $uuid   Idempotency key.
	 * @param string               $ip     Visitor IP.
	 * @return array<string, mixed>
	 */
	public static function payload( FormDefinition $form, array $values, $uuid, $ip ) {
		$selects = array();
		foreach ( $form->fields as $key => $field ) {
			if ( 'select' === $field['type'] ) {
				$selects[ $field['label'] ] = $values[ $key ];
			}
		}
		$marketing = ! empty( $values['marketing'] );
		$agent     = isset( $_SERVER['HTTP_USER_AGENT'] ) ? sanitize_text_field( wp_unslash( $_SERVER['HTTP_USER_AGENT'] ) ) : '';
		return array(
			'idempotency_key' => $uuid,
			'submitted_at'    => gmdate( 'Y-m-d\TH:i:s\Z' ),
			'source'          => array(
				'post_id'  => $form->post_id,
				'page_url' => (string) get_permalink( $form->post_id ),
				'form_id'  => $form->form_id,
			),
			'department_id'   => $form->department_for( isset( $values['department'] ) ? $values['department'] : null ),
			// Only a visitor who ticked the marketing box joins lists.
			'list_ids'        => $marketing ? $form->settings['list_ids'] : array(),
			'fields'          => array(
				'name'              => $values['name'],
				'email'             => $values['email'],
				'phone'             => isset( $values['phone'] ) ? $values['phone'] : '',
				'subject'           => isset( $values['subject'] ) ? $values['subject'] : '',
				'message'           => $values['message'],
				'selects'           => (object) $selects,
				'privacy_accepted'  => true,
				'marketing_consent' => $marketing,
			),
			'consent'         => array(
				'text'       => isset( $form->fields['marketing'] ) ? $form->fields['marketing']['text'] : '',
				'version'    => isset( $form->fields['marketing'] ) ? $form->fields['marketing']['version'] : '',
				'ip'         => $ip,
				'user_agent' => substr( $agent, 0, 500 ),
			),
			'locale'          => determine_locale(),
		);
	}

	/**
	 * A form id as the block stores it.
	 *
	 * @param mixed $value Posted value.
	 * @return string
	 */
	public static function clean_form_id( $value ) {
		return is_scalar( $value ) ? substr( (string) preg_replace( '/[^A-Za-z0-9_-]/', '', (string) $value ), 0, 32 ) : '';
	}
}
