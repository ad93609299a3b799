<?php
/**
 * cuadra/v1/connection: where the service is, the shared secret, and a check that explains failures.
 *
 * @package Cuadra
 */

namespace Cuadra\Rest;

use Cuadra\Capabilities;
use Cuadra\Service\Connection;
use Cuadra\Service\ConnectionCheck;
use Cuadra\Service\ServiceClient;
use Cuadra\Service\StatusCache;

defined( 'ABSPATH' ) || exit;

/**
 * GET/POST /connection and POST /connection/check, all for cuadra_manage.
 */
final class ConnectionController {

	/**
	 * Connection settings.
	 *
	 * @var Connection
	 */
	private $connection;

	/**
	 * Creates the controller.
	 *
	 * @param Connection|null $connection Connection settings.
	 */
	public function __construct( ?Connection $connection = null ) {
		$this->connection = $connection ? $connection : new Connection();
	}

	/**
	 * Registers the routes.
	 */
	public function register_routes() {
		register_rest_route(
			ProxyController::REST_NAMESPACE,
			'/connection',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'show' ),
					'permission_callback' => array( $this, 'can_manage' ),
				),
				array(
					'methods'             => \WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'save' ),
					'permission_callback' => array( $this, 'can_manage' ),
					'args'                => array(
						'service_url' => array(
							'type'        => 'string',
							// Checked in save(), after the permission check, in plain words rather than "Missing parameter(s)".
							'description' => 'Base URL of the Cuadra service, e.g. http://127.0.0.1:3000.',
						),
						'secret'      => array(
							'type'        => 'string',
							'required'    => false,
							'default'     => '',
							'description' => 'New shared secret; empty keeps the stored one. Never returned.',
						),
					),
				),
				'schema' => array( $this, 'schema' ),
			)
		);

		register_rest_route(
			ProxyController::REST_NAMESPACE,
			'/connection/check',
			array(
				array(
					'methods'             => \WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'check' ),
					'permission_callback' => array( $this, 'can_manage' ),
					'args'                => array(),
				),
				'schema' => array( $this, 'check_schema' ),
			)
		);
	}

	/**
	 * Only people who manage Cuadra see or change the connection.
	 *
	 * @return bool|\WP_Error
	 */
	public function can_manage() {
		return ProxyController::user_may( Capabilities::MANAGE );
	}

	/**
	 * GET /connection.
	 *
	 * @return \WP_REST_Response
	 */
	public function show() {
		return rest_ensure_response( $this->describe() );
	}

	/**
	 * POST /connection.
	 *
	 * @param \WP_REST_Request $request Request with service_url and optional secret.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function save( \WP_REST_Request $request ) {
		if ( $this->connection->from_constants() ) {
			return new \WP_Error(
				'cuadra_connection_from_constants',
				__( 'The connection is set in wp-config.php (CUADRA_SERVICE_URL / CUADRA_SECRET) and cannot be changed here.', 'cuadra' ),
				array( 'status' => 400 )
			);
		}

		$service_url = Connection::validate_service_url( $request->get_param( 'service_url' ) );
		if ( is_wp_error( $service_url ) ) {
			return $service_url;
		}

		$secret = trim( (string) $request->get_param( 'secret' ) );
		if ( '' === $secret && ! $this->connection->secret_set() ) {
			return new \WP_Error(
				'cuadra_secret_required',
				__( 'Enter the shared secret: it must be the same one the Cuadra service uses.', 'cuadra' ),
				array( 'status' => 400 )
			);
		}

		$saved = $this->connection->save( $service_url, $secret );
		if ( is_wp_error( $saved ) ) {
			return $saved;
		}
		return rest_ensure_response( $this->describe() );
	}

	/**
	 * POST /connection/check: always answers 200; the body says what is wrong.
	 *
	 * @return \WP_REST_Response
	 */
	public function check() {
		$result = ( new ConnectionCheck( new ServiceClient( $this->connection ) ) )->run();
		StatusCache::remember_health( $result );
		return rest_ensure_response( $result );
	}

	/**
	 * What the admin screen may know about the connection: never the secret.
	 *
	 * @return array{service_url: string, secret_set: bool, from_constants: bool}
	 */
	private function describe() {
		return array(
			'service_url'    => $this->connection->service_url(),
			'secret_set'     => $this->connection->secret_set(),
			'from_constants' => $this->connection->from_constants(),
		);
	}

	/**
	 * Schema of GET/POST /connection.
	 *
	 * @return array<string, mixed>
	 */
	public function schema() {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'cuadra-connection',
			'type'       => 'object',
			'properties' => array(
				'service_url'    => array(
					'type'        => 'string',
					'description' => 'Base URL of the Cuadra service.',
				),
				'secret_set'     => array(
					'type'        => 'boolean',
					'description' => 'Whether a shared secret is stored (the secret itself is never returned).',
					'readonly'    => true,
				),
				'from_constants' => array(
					'type'        => 'boolean',
					'description' => 'Whether wp-config.php defines the connection, making it read-only here.',
					'readonly'    => true,
				),
			),
		);
	}

	/**
	 * Schema of POST /connection/check.
	 *
	 * @return array<string, mixed>
	 */
	public function check_schema() {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'cuadra-connection-check',
			'type'       => 'object',
			'properties' => array(
				'ok'      => array(
					'type'     => 'boolean',
					'readonly' => true,
				),
				'code'    => array(
					'type'     => 'string',
					'enum'     => array( 'ok', 'not_configured', 'unreachable', 'timeout', 'wrong_secret', 'clock_skew', 'not_cuadra', 'service_error' ),
					'readonly' => true,
				),
				'message' => array(
					'type'        => 'string',
					'description' => 'What happened, in plain words, in the user\'s language.',
					'readonly'    => true,
				),
			),
		);
	}
}
