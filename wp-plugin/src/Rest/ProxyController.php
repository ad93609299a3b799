<?php
/**
 * cuadra/v1 routes that WordPress forwards to the Cuadra service.
 *
 * @package Cuadra
 */

namespace Cuadra\Rest;

use Cuadra\Capabilities;
use Cuadra\Service\ServiceClient;

defined( 'ABSPATH' ) || exit;

/**
 * Checks capabilities, then forwards method, query and raw JSON body; passes status and JSON back unchanged.
 */
final class ProxyController {

	const REST_NAMESPACE = 'cuadra/v1';

	/** Capability value meaning "any Cuadra capability". */
	const ANY_CUADRA_CAP = '*';

	/** WordPress's own query parameters, which the service must not see. */
	const WORDPRESS_QUERY_PARAMS = array( '_locale', '_wpnonce', '_envelope', '_method', '_fields', '_embed', '_jsonp', 'rest_route' );

	/**
	 * Signed client.
	 *
	 * @var ServiceClient
	 */
	private $client;

	/**
	 * Creates the controller.
	 *
	 * @param ServiceClient|null $client Client to use.
	 */
	public function __construct( ?ServiceClient $client = null ) {
		$this->client = $client ? $client : new ServiceClient();
	}

	/**
	 * The forwarded routes: WordPress route => service path and, per method, the capability it needs.
	 *
	 * @return array<string, array{service_path: string, methods: array<string, string>, schema: string}>
	 */
	public static function routes() {
		return array(
			'/settings/company'      => array(
				'service_path' => '/settings/company',
				'methods'      => array(
					'GET' => self::ANY_CUADRA_CAP,
					'PUT' => Capabilities::MANAGE,
				),
				'schema'       => 'company_settings_schema',
			),
			'/notifications/summary' => array(
				'service_path' => '/notifications/summary',
				'methods'      => array( 'GET' => self::ANY_CUADRA_CAP ),
				'schema'       => 'notifications_summary_schema',
			),
		);
	}

	/**
	 * Registers every route of the table.
	 */
	public function register_routes() {
		foreach ( self::routes() as $route => $definition ) {
			$endpoints = array();
			foreach ( $definition['methods'] as $method => $capability ) {
				$endpoints[] = array(
					'methods'             => $method,
					'callback'            => function ( \WP_REST_Request $request ) use ( $definition ) {
						return $this->forward( $request, $definition['service_path'] );
					},
					'permission_callback' => function () use ( $capability ) {
						return self::user_may( $capability );
					},
					'args'                => 'PUT' === $method && 'company_settings_schema' === $definition['schema'] ? self::company_settings_args() : array(),
				);
			}
			$schema_method       = array( self::class, $definition['schema'] );
			$endpoints['schema'] = $schema_method;
			register_rest_route( self::REST_NAMESPACE, $route, $endpoints );
		}
	}

	/**
	 * Permission check shared by all forwarded routes.
	 *
	 * @param string $capability A capability or ANY_CUADRA_CAP.
	 * @return bool|\WP_Error
	 */
	public static function user_may( $capability ) {
		$allowed = self::ANY_CUADRA_CAP === $capability ? Capabilities::current_user_has_any() : current_user_can( $capability );
		if ( $allowed ) {
			return true;
		}
		return new \WP_Error(
			'rest_forbidden',
			__( 'Sorry, you are not allowed to do that in Cuadra.', 'cuadra' ),
			array( 'status' => rest_authorization_required_code() )
		);
	}

	/**
	 * Forwards one request and relays the answer.
	 *
	 * @param \WP_REST_Request $request      Incoming request.
	 * @param string           $service_path Path on the service.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function forward( \WP_REST_Request $request, $service_path ) {
		$method = $request->get_method();
		$query  = array_diff_key( $request->get_query_params(), array_flip( self::WORDPRESS_QUERY_PARAMS ) );
		$body   = in_array( $method, array( 'GET', 'HEAD', 'DELETE' ), true ) ? '' : (string) $request->get_body();

		$response = $this->client->request( $method, $service_path, http_build_query( $query, '', '&', PHP_QUERY_RFC3986 ), $body );
		if ( is_wp_error( $response ) ) {
			return $response;
		}

		// Objects, not arrays, so {} stays {} when WordPress encodes it again; but WordPress's _fields
		// filter only works on arrays.
		$data = json_decode( $response['body'], isset( $request['_fields'] ) );
		if ( null === $data && 'null' !== trim( $response['body'] ) ) {
			return new \WP_Error(
				'cuadra_service_bad_response',
				__( 'The Cuadra service sent an answer that is not JSON. Check that the service URL points to the Cuadra service.', 'cuadra' ),
				array( 'status' => 502 )
			);
		}

		$relayed = new \WP_REST_Response( $data, $response['status'] );
		if ( isset( $response['headers']['x-request-id'] ) ) {
			$relayed->header( 'X-Cuadra-Request-Id', $response['headers']['x-request-id'] );
		}
		return $relayed;
	}

	/**
	 * Arguments of PUT /settings/company, documented only: the service validates them and answers 422 per
	 * field, and those messages must reach the form unchanged.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private static function company_settings_args() {
		$args = array();
		foreach ( self::company_settings_schema()['properties'] as $name => $property ) {
			if ( ! empty( $property['readonly'] ) ) {
				continue;
			}
			$args[ $name ] = array(
				'type'              => $property['type'],
				'description'       => $property['description'],
				'sanitize_callback' => null,
			);
		}
		return $args;
	}

	/**
	 * JSON schema of the company settings (docs/protocol.md).
	 *
	 * @return array<string, mixed>
	 */
	public static function company_settings_schema() {
		$text = static function ( $description ) {
			return array(
				'type'        => 'string',
				'description' => $description,
			);
		};
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'cuadra-company-settings',
			'type'       => 'object',
			'properties' => array(
				'configured'       => array(
					'type'        => 'boolean',
					'description' => 'Whether the company settings were saved at least once.',
					'readonly'    => true,
				),
				'legal_name'       => $text( 'Legal name of the company.' ),
				'trade_name'       => $text( 'Trade name.' ),
				'tax_id'           => $text( 'Spanish tax id (NIF, CIF or NIE).' ),
				'address_line'     => $text( 'Street address.' ),
				'postal_code'      => $text( 'Postal code.' ),
				'city'             => $text( 'City.' ),
				'province'         => $text( 'Province.' ),
				'country_code'     => $text( 'ISO 3166-1 alpha-2 country code.' ),
				'email'            => $text( 'Billing e-mail address.' ),
				'phone'            => $text( 'Phone number.' ),
				'default_currency' => $text( 'ISO 4217 currency code.' ),
				'timezone'         => $text( 'IANA time zone, e.g. Europe/Madrid.' ),
				'logo'             => array(
					'type'        => array( 'string', 'null' ),
					'description' => 'Logo as a data: URL (PNG, JPEG or SVG, at most 256 KB), or null.',
				),
				'updated_at'       => array(
					'type'        => array( 'string', 'null' ),
					'description' => 'When the settings were last saved (ISO 8601).',
					'readonly'    => true,
				),
			),
		);
	}

	/**
	 * JSON schema of the notifications summary.
	 *
	 * @return array<string, mixed>
	 */
	public static function notifications_summary_schema() {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'cuadra-notifications-summary',
			'type'       => 'object',
			'properties' => array(
				'count' => array(
					'type'        => 'integer',
					'description' => 'Number of things waiting for the user.',
					'readonly'    => true,
				),
				'items' => array(
					'type'        => 'array',
					'description' => 'The latest notifications: type, title, url, created_at.',
					'readonly'    => true,
					'items'       => array( 'type' => 'object' ),
				),
			),
		);
	}
}
