<?php
/**
 * POST /wp-json/cuadra/v1/contact-submissions: the contact form sent by its enhancing script.
 *
 * @package Cuadra
 */

namespace Cuadra\Rest;

use Cuadra\Forms\SubmissionHandler;

defined( 'ABSPATH' ) || exit;

/**
 * A public route on purpose: visitors are anonymous and pages are cached, so a nonce would go stale.
 * The signed time token, the honeypot and the per-IP rate limit protect it instead (SubmissionHandler).
 */
final class ContactSubmissionController {

	/**
	 * Takes the submission.
	 *
	 * @var SubmissionHandler
	 */
	private $handler;

	/**
	 * Creates the controller.
	 *
	 * @param SubmissionHandler|null $handler Handler to use.
	 */
	public function __construct( ?SubmissionHandler $handler = null ) {
		$this->handler = $handler ? $handler : new SubmissionHandler();
	}

	/**
	 * rest_api_init.
	 */
	public function register_routes() {
		register_rest_route(
			ProxyController::REST_NAMESPACE,
			'/contact-submissions',
			array(
				array(
					'methods'             => 'POST',
					'callback'            => array( $this, 'submit' ),
					'permission_callback' => '__return_true',
					'args'                => array(
						'cuadra_post_id'              => array(
							'type'        => 'integer',
							'description' => 'Post that holds the form.',
							'required'    => true,
						),
						'cuadra_form_id'              => array(
							'type'        => 'string',
							'description' => 'The form block\'s formId.',
							'required'    => true,
						),
						'cuadra_token'                => array(
							'type'              => 'string',
							'description'       => 'Signed time the form was shown.',
							'sanitize_callback' => null,
						),
						'cuadra'                      => array(
							'type'              => 'object',
							'description'       => 'Field values by input name; only the fields of the saved form are read.',
							'sanitize_callback' => null,
							'validate_callback' => null,
						),
						SubmissionHandler::HONEYPOT => array(
							'type'              => 'string',
							'description'       => 'Must stay empty.',
							'sanitize_callback' => null,
						),
					),
				),
				'schema' => array( self::class, 'schema' ),
			)
		);
	}

	/**
	 * Handles one submission and answers with the outcome (the same one a plain POST shows).
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response
	 */
	public function submit( \WP_REST_Request $request ) {
		$raw    = $request->get_param( 'cuadra' );
		$result = $this->handler->process(
			(int) $request->get_param( 'cuadra_post_id' ),
			SubmissionHandler::clean_form_id( $request->get_param( 'cuadra_form_id' ) ),
			is_array( $raw ) ? $raw : array(),
			(string) $request->get_param( 'cuadra_token' ),
			(string) $request->get_param( SubmissionHandler::HONEYPOT )
		);
		$errors = array();
		foreach ( $result['errors'] as $field => $message ) {
			$errors[] = array(
				'field'   => $field,
				'message' => $message,
			);
		}
		$body = array(
			'status'  => $result['status'],
			'message' => $result['message'],
			'errors'  => $errors,
		);
		if ( '' !== $result['redirect'] ) {
			$body['redirect'] = $result['redirect'];
		}
		if ( '' !== $result['token'] ) {
			$body['token'] = $result['token'];
		}
		$response = new \WP_REST_Response( $body, $result['http'] );
		$response->header( 'Cache-Control', 'no-store' );
		return $response;
	}

	/**
	 * JSON schema of the answer.
	 *
	 * @return array<string, mixed>
	 */
	public static function schema() {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'cuadra-contact-submission-result',
			'type'       => 'object',
			'properties' => array(
				'status'   => array(
					'type'        => 'string',
					'description' => 'sent, invalid, expired, rate_limited, gone or error.',
					'readonly'    => true,
				),
				'message'  => array(
					'type'        => 'string',
					'description' => 'What to tell the visitor.',
					'readonly'    => true,
				),
				'errors'   => array(
					'type'        => 'array',
					'description' => 'Field errors: field, message.',
					'items'       => array( 'type' => 'object' ),
					'readonly'    => true,
				),
				'redirect' => array(
					'type'        => 'string',
					'description' => 'Page to go to after a successful submission, when the form says so.',
					'readonly'    => true,
				),
				'token'    => array(
					'type'        => 'string',
					'description' => 'A fresh time token when the form had gone stale.',
					'readonly'    => true,
				),
			),
		);
	}
}
