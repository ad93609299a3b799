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
	 * The forwarded routes: WordPress route => service path (with {name} for the route's named groups)
	 * and, per method, the capability it needs (or a list of which any one will do); optionally, per method,
	 * the method documenting its args.
	 *
	 * @return array<string, array{service_path: string, methods: array<string, string|string[]>, schema: string, args?: array<string, string>}>
	 */
	public static function routes() {
		return array(
			'/settings/company'                                   => array(
				'service_path' => '/settings/company',
				'methods'      => array(
					'GET' => self::ANY_CUADRA_CAP,
					'PUT' => Capabilities::MANAGE,
				),
				'schema'       => 'company_settings_schema',
				'args'         => array( 'PUT' => 'company_settings_args' ),
			),
			'/notifications/summary'                              => array(
				'service_path' => '/notifications/summary',
				'methods'      => array( 'GET' => self::ANY_CUADRA_CAP ),
				'schema'       => 'notifications_summary_schema',
			),
			// Editors list departments and lists while building a contact form (blocks/contact-form).
			'/departments'                                        => array(
				'service_path' => '/departments',
				'methods'      => array(
					'GET'  => array( 'edit_posts', Capabilities::SUPPORT ),
					'POST' => Capabilities::SUPPORT,
				),
				'schema'       => 'named_records_schema',
				'args'         => array( 'POST' => 'department_args' ),
			),
			'/departments/(?P<id>\d+)'                            => array(
				'service_path' => '/departments/{id}',
				'methods'      => array(
					'GET' => array( 'edit_posts', Capabilities::SUPPORT ),
					'PUT' => Capabilities::SUPPORT,
				),
				'schema'       => 'department_schema',
				'args'         => array( 'PUT' => 'department_args' ),
			),
			'/tickets'                                            => array(
				'service_path' => '/tickets',
				'methods'      => array( 'GET' => Capabilities::SUPPORT ),
				'schema'       => 'ticket_schema',
				'args'         => array( 'GET' => 'ticket_filter_args' ),
			),
			'/tickets/metrics'                                    => array(
				'service_path' => '/tickets/metrics',
				'methods'      => array( 'GET' => Capabilities::SUPPORT ),
				'schema'       => 'ticket_metrics_schema',
				'args'         => array( 'GET' => 'ticket_metrics_args' ),
			),
			'/tickets/inbound-failures'                           => array(
				'service_path' => '/tickets/inbound-failures',
				'methods'      => array( 'GET' => Capabilities::SUPPORT ),
				'schema'       => 'inbound_failures_schema',
			),
			'/tickets/(?P<id>\d+)'                                => array(
				'service_path' => '/tickets/{id}',
				'methods'      => array(
					'GET' => Capabilities::SUPPORT,
					'PUT' => Capabilities::SUPPORT,
				),
				'schema'       => 'ticket_schema',
				'args'         => array( 'PUT' => 'ticket_change_args' ),
			),
			'/tickets/(?P<id>\d+)/replies'                        => array(
				'service_path' => '/tickets/{id}/replies',
				'methods'      => array( 'POST' => Capabilities::SUPPORT ),
				'schema'       => 'ticket_message_schema',
				'args'         => array( 'POST' => 'ticket_reply_args' ),
			),
			'/tickets/(?P<id>\d+)/notes'                          => array(
				'service_path' => '/tickets/{id}/notes',
				'methods'      => array( 'POST' => Capabilities::SUPPORT ),
				'schema'       => 'ticket_message_schema',
				'args'         => array( 'POST' => 'ticket_note_args' ),
			),
			'/lists'                                              => array(
				'service_path' => '/lists',
				'methods'      => array(
					'GET'  => array( 'edit_posts', Capabilities::SUPPORT ),
					'POST' => Capabilities::SUPPORT,
				),
				'schema'       => 'named_records_schema',
				'args'         => array( 'POST' => 'list_args' ),
			),
			'/lists/(?P<id>\d+)'                                  => array(
				'service_path' => '/lists/{id}',
				'methods'      => array(
					'GET'    => array( 'edit_posts', Capabilities::SUPPORT ),
					'PUT'    => Capabilities::SUPPORT,
					'DELETE' => Capabilities::SUPPORT,
				),
				'schema'       => 'list_schema',
				'args'         => array( 'PUT' => 'list_args' ),
			),
			'/lists/(?P<id>\d+)/members'                          => array(
				'service_path' => '/lists/{id}/members',
				'methods'      => array(
					'GET'  => Capabilities::SUPPORT,
					'POST' => Capabilities::SUPPORT,
				),
				'schema'       => 'list_member_schema',
				'args'         => array(
					'GET'  => 'list_member_filter_args',
					'POST' => 'list_member_args',
				),
			),
			'/lists/(?P<id>\d+)/members/(?P<contact_id>\d+)/unsubscribe' => array(
				'service_path' => '/lists/{id}/members/{contact_id}/unsubscribe',
				'methods'      => array( 'POST' => Capabilities::SUPPORT ),
				'schema'       => 'list_member_schema',
			),
			'/contacts'                                           => array(
				'service_path' => '/contacts',
				'methods'      => array( 'GET' => Capabilities::SUPPORT ),
				'schema'       => 'contact_schema',
				'args'         => array( 'GET' => 'contact_search_args' ),
			),
			'/contacts/(?P<id>\d+)'                               => array(
				'service_path' => '/contacts/{id}',
				'methods'      => array(
					'GET' => Capabilities::SUPPORT,
					'PUT' => Capabilities::SUPPORT,
				),
				'schema'       => 'contact_schema',
				'args'         => array( 'PUT' => 'contact_args' ),
			),
			// Exporting and erasing anyone's personal data: what WordPress's own privacy tools require (PrivacyHooks).
			'/contacts/(?P<id>\d+)/personal-data'                 => array(
				'service_path' => '/contacts/{id}/personal-data',
				'methods'      => array( 'GET' => 'export_others_personal_data' ),
				'schema'       => 'contact_schema',
			),
			'/contacts/erase'                                     => array(
				'service_path' => '/contacts/erase',
				'methods'      => array( 'POST' => 'erase_others_personal_data' ),
				'schema'       => 'contact_schema',
				'args'         => array( 'POST' => 'contact_erase_args' ),
			),
			'/customers'                                          => array(
				'service_path' => '/customers',
				'methods'      => array(
					'GET'  => Capabilities::BILLING,
					'POST' => Capabilities::BILLING,
				),
				'schema'       => 'customer_schema',
				'args'         => array(
					'GET'  => 'customer_search_args',
					'POST' => 'customer_args',
				),
			),
			'/customers/(?P<id>\d+)'                              => array(
				'service_path' => '/customers/{id}',
				'methods'      => array(
					'GET' => Capabilities::BILLING,
					'PUT' => Capabilities::BILLING,
				),
				'schema'       => 'customer_schema',
				'args'         => array( 'PUT' => 'customer_args' ),
			),
			'/invoices'                                           => array(
				'service_path' => '/invoices',
				'methods'      => array(
					'GET'  => Capabilities::BILLING,
					'POST' => Capabilities::BILLING,
				),
				'schema'       => 'invoice_schema',
				'args'         => array(
					'GET'  => 'invoice_filter_args',
					'POST' => 'invoice_draft_args',
				),
			),
			'/invoices/(?P<id>\d+)'                               => array(
				'service_path' => '/invoices/{id}',
				'methods'      => array(
					'GET'    => Capabilities::BILLING,
					'PUT'    => Capabilities::BILLING,
					'DELETE' => Capabilities::BILLING,
				),
				'schema'       => 'invoice_schema',
				'args'         => array( 'PUT' => 'invoice_draft_args' ),
			),
			'/invoices/(?P<id>\d+)/(?P<action>issue|mark-paid|cancel)' => array(
				'service_path' => '/invoices/{id}/{action}',
				'methods'      => array( 'POST' => Capabilities::BILLING ),
				'schema'       => 'invoice_schema',
			),
			'/invoices/(?P<id>\d+)/(?P<action>send)'              => array(
				'service_path' => '/invoices/{id}/{action}',
				'methods'      => array( 'POST' => Capabilities::BILLING ),
				'schema'       => 'invoice_emails_schema',
			),
			'/invoices/(?P<id>\d+)/emails'                        => array(
				'service_path' => '/invoices/{id}/emails',
				'methods'      => array( 'GET' => Capabilities::BILLING ),
				'schema'       => 'invoice_emails_schema',
			),
			'/invoice-series'                                     => array(
				'service_path' => '/invoice-series',
				'methods'      => array(
					'GET'  => Capabilities::BILLING,
					'POST' => Capabilities::MANAGE,
				),
				'schema'       => 'invoice_series_schema',
			),
			'/verifactu/chain'                                    => array(
				'service_path' => '/verifactu/chain',
				'methods'      => array( 'GET' => Capabilities::BILLING ),
				'schema'       => 'verifactu_chain_schema',
			),
			'/recurring-templates'                                => array(
				'service_path' => '/recurring-templates',
				'methods'      => array(
					'GET'  => Capabilities::BILLING,
					'POST' => Capabilities::BILLING,
				),
				'schema'       => 'recurring_template_schema',
				'args'         => array(
					'GET'  => 'recurring_filter_args',
					'POST' => 'recurring_template_args',
				),
			),
			'/recurring-templates/preview'                        => array(
				'service_path' => '/recurring-templates/preview',
				'methods'      => array( 'POST' => Capabilities::BILLING ),
				'schema'       => 'recurring_preview_schema',
				'args'         => array( 'POST' => 'recurring_template_args' ),
			),
			'/recurring-templates/upcoming'                       => array(
				'service_path' => '/recurring-templates/upcoming',
				'methods'      => array( 'GET' => Capabilities::BILLING ),
				'schema'       => 'recurring_upcoming_schema',
				'args'         => array( 'GET' => 'recurring_upcoming_args' ),
			),
			'/recurring-templates/(?P<id>\d+)'                    => array(
				'service_path' => '/recurring-templates/{id}',
				'methods'      => array(
					'GET' => Capabilities::BILLING,
					'PUT' => Capabilities::BILLING,
				),
				'schema'       => 'recurring_template_schema',
				'args'         => array( 'PUT' => 'recurring_template_args' ),
			),
			'/recurring-templates/(?P<id>\d+)/(?P<action>pause|resume|end)' => array(
				'service_path' => '/recurring-templates/{id}/{action}',
				'methods'      => array( 'POST' => Capabilities::BILLING ),
				'schema'       => 'recurring_template_schema',
			),
			'/mrr/summary'                                        => array(
				'service_path' => '/mrr/summary',
				'methods'      => array( 'GET' => Capabilities::BILLING ),
				'schema'       => 'mrr_summary_schema',
			),
			'/mrr/history'                                        => array(
				'service_path' => '/mrr/history',
				'methods'      => array( 'GET' => Capabilities::BILLING ),
				'schema'       => 'mrr_history_schema',
				'args'         => array( 'GET' => 'mrr_history_args' ),
			),
			'/mrr/daily'                                          => array(
				'service_path' => '/mrr/daily',
				'methods'      => array( 'GET' => Capabilities::BILLING ),
				'schema'       => 'mrr_daily_schema',
				'args'         => array( 'GET' => 'mrr_daily_args' ),
			),
			'/stores'                                             => array(
				'service_path' => '/stores',
				'methods'      => array(
					'GET'  => Capabilities::BILLING,
					'POST' => Capabilities::MANAGE,
				),
				'schema'       => 'store_schema',
				'args'         => array( 'POST' => 'store_args' ),
			),
			'/stores/(?P<id>\d+)'                                 => array(
				'service_path' => '/stores/{id}',
				'methods'      => array(
					'GET'    => Capabilities::BILLING,
					'PUT'    => Capabilities::MANAGE,
					'DELETE' => Capabilities::MANAGE,
				),
				'schema'       => 'store_schema',
				'args'         => array( 'PUT' => 'store_args' ),
			),
			'/stores/(?P<id>\d+)/test-connection'                 => array(
				'service_path' => '/stores/{id}/test-connection',
				'methods'      => array( 'POST' => Capabilities::MANAGE ),
				'schema'       => 'store_connection_test_schema',
				'args'         => array( 'POST' => 'store_connection_test_args' ),
			),
			'/stores/(?P<id>\d+)/webhook-secret'                  => array(
				'service_path' => '/stores/{id}/webhook-secret',
				'methods'      => array( 'POST' => Capabilities::MANAGE ),
				'schema'       => 'store_webhook_secret_schema',
			),
			'/stores/(?P<id>\d+)/sync'                            => array(
				'service_path' => '/stores/{id}/sync',
				'methods'      => array(
					'GET'  => Capabilities::BILLING,
					'POST' => Capabilities::MANAGE,
				),
				'schema'       => 'store_schema',
				'args'         => array( 'POST' => 'store_sync_args' ),
			),
			'/stores/(?P<id>\d+)/sync/cancel'                     => array(
				'service_path' => '/stores/{id}/sync/cancel',
				'methods'      => array( 'POST' => Capabilities::MANAGE ),
				'schema'       => 'store_schema',
			),
			'/stores/(?P<id>\d+)/orders/by-number/(?P<number>[^/]+)' => array(
				'service_path' => '/stores/{id}/orders/by-number/{number}',
				'methods'      => array( 'GET' => Capabilities::BILLING ),
				'schema'       => 'order_schema',
			),
			'/stores/(?P<id>\d+)/mail-rejects'                    => array(
				'service_path' => '/stores/{id}/mail-rejects',
				'methods'      => array( 'GET' => Capabilities::BILLING ),
				'schema'       => 'named_records_schema',
			),
			'/stores/(?P<id>\d+)/mail-rejects/(?P<reject_id>\d+)' => array(
				'service_path' => '/stores/{id}/mail-rejects/{reject_id}',
				'methods'      => array(
					'GET'    => Capabilities::BILLING,
					'DELETE' => Capabilities::BILLING,
				),
				'schema'       => 'store_mail_reject_schema',
			),
			'/orders/(?P<id>\d+)/refunds'                         => array(
				'service_path' => '/orders/{id}/refunds',
				'methods'      => array( 'GET' => Capabilities::BILLING ),
				'schema'       => 'order_refunds_schema',
			),
			'/orders'                                             => array(
				'service_path' => '/orders',
				'methods'      => array( 'GET' => Capabilities::BILLING ),
				'schema'       => 'order_schema',
				'args'         => array( 'GET' => 'order_filter_args' ),
			),
			'/orders/(?P<id>\d+)'                                 => array(
				'service_path' => '/orders/{id}',
				'methods'      => array( 'GET' => Capabilities::BILLING ),
				'schema'       => 'order_schema',
			),
			'/orders/(?P<id>\d+)/(?P<action>ignore|unignore)'     => array(
				'service_path' => '/orders/{id}/{action}',
				'methods'      => array( 'POST' => Capabilities::BILLING ),
				'schema'       => 'order_schema',
			),
			'/orders/(?P<id>\d+)/(?P<action>invoice-preview|invoice-draft|refund-drafts)' => array(
				'service_path' => '/orders/{id}/{action}',
				'methods'      => array( 'POST' => Capabilities::BILLING ),
				'schema'       => 'order_invoice_schema',
				'args'         => array( 'POST' => 'order_decisions_args' ),
			),
		);
	}

	/**
	 * Registers every route of the table.
	 */
	public function register_routes() {
		foreach ( self::routes() as $route => $definition ) {
			$path_args = self::path_args( $route );
			$endpoints = array();
			foreach ( $definition['methods'] as $method => $capability ) {
				$args_method = isset( $definition['args'][ $method ] ) ? $definition['args'][ $method ] : null;
				$endpoints[] = array(
					'methods'             => $method,
					'callback'            => function ( \WP_REST_Request $request ) use ( $definition ) {
						return $this->forward( $request, self::service_path_for( $definition['service_path'], $request ) );
					},
					'permission_callback' => function () use ( $capability ) {
						return self::user_may( $capability );
					},
					'args'                => array_merge( $args_method ? self::$args_method() : array(), $path_args ),
				);
			}
			$endpoints['schema'] = array( self::class, $definition['schema'] );
			register_rest_route( self::REST_NAMESPACE, $route, $endpoints );
		}
	}

	/**
	 * The service path of one request: each {name} becomes the route's named group of that name.
	 *
	 * URL parameters are read directly: get_param() would prefer an "id" inside a JSON body.
	 *
	 * @param string           $template Service path such as /invoices/{id}/{action}.
	 * @param \WP_REST_Request $request  Incoming request.
	 * @return string
	 */
	public static function service_path_for( $template, \WP_REST_Request $request ) {
		$url_params = $request->get_url_params();
		return (string) preg_replace_callback(
			'/\{(\w+)\}/',
			static function ( $match ) use ( $url_params ) {
				return rawurlencode( isset( $url_params[ $match[1] ] ) ? (string) $url_params[ $match[1] ] : '' );
			},
			$template
		);
	}

	/**
	 * Documents the named groups of a route (the route's regular expression already validates them).
	 *
	 * @param string $route WordPress route such as /invoices/(?P<id>\d+).
	 * @return array<string, array<string, mixed>>
	 */
	private static function path_args( $route ) {
		$args = array();
		if ( preg_match_all( '/\(\?P<(\w+)>/', $route, $matches ) ) {
			foreach ( $matches[1] as $name ) {
				$is_id         = 'id' === $name || '_id' === substr( $name, -3 );
				$args[ $name ] = array(
					'type'              => $is_id ? 'integer' : 'string',
					'description'       => $is_id ? 'Id of the record on the Cuadra service.' : ( 'number' === $name ? 'Display number of the order in its store.' : 'What to do with the record.' ),
					'sanitize_callback' => null,
				);
			}
		}
		return $args;
	}

	/**
	 * Permission check shared by all forwarded routes.
	 *
	 * @param string|string[] $capability A capability, ANY_CUADRA_CAP, or a list of which any one will do.
	 * @return bool|\WP_Error
	 */
	public static function user_may( $capability ) {
		if ( is_array( $capability ) ) {
			$allowed = (bool) array_filter( array_map( 'current_user_can', $capability ) );
		} else {
			$allowed = self::ANY_CUADRA_CAP === $capability ? Capabilities::current_user_has_any() : current_user_can( $capability );
		}
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
		// filter only works on arrays. A 204 ("deleted") has no body, and WordPress sends none either.
		$data = 204 === $response['status'] ? null : json_decode( $response['body'], isset( $request['_fields'] ) );
		if ( null === $data && 204 !== $response['status'] && 'null' !== trim( $response['body'] ) ) {
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
	 * Arguments documented from a schema's writable properties, and only documented: the service
	 * validates them and answers 422 per field, and those messages must reach the form unchanged
	 * (a null sanitize_callback keeps WordPress from rejecting or rewriting them first).
	 *
	 * @param array<string, mixed> $schema JSON schema of the body.
	 * @return array<string, array<string, mixed>>
	 */
	private static function args_from_schema( array $schema ) {
		$args = array();
		foreach ( $schema['properties'] as $name => $property ) {
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
	 * Arguments of PUT /settings/company.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private static function company_settings_args() {
		return self::args_from_schema( self::company_settings_schema() );
	}

	/**
	 * Arguments of POST /customers and PUT /customers/{id}.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private static function customer_args() {
		return self::args_from_schema( self::customer_schema() );
	}

	/**
	 * Arguments of POST /invoices and PUT /invoices/{id} (drafts only).
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private static function invoice_draft_args() {
		return self::args_from_schema( self::invoice_schema() );
	}

	/**
	 * Query of GET /customers, forwarded as sent.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private static function customer_search_args() {
		return self::query_args(
			array(
				'search'   => array( 'string', 'Matches the name, the tax ID and the e-mail addresses.' ),
				'page'     => array( 'integer', 'Page number, from 1.' ),
				'per_page' => array( 'integer', 'Customers per page, 1 to 100 (default 20).' ),
			)
		);
	}

	/**
	 * Query of GET /invoices, forwarded as sent.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private static function invoice_filter_args() {
		return self::query_args(
			array(
				'status'      => array( 'string', 'draft, issued, paid, rectified or cancelled.' ),
				'series_code' => array( 'string', 'Code of the series, e.g. F.' ),
				'customer_id' => array( 'integer', 'Invoices of this customer only.' ),
				'from'        => array( 'string', 'Issued on or after this date (YYYY-MM-DD).' ),
				'to'          => array( 'string', 'Issued on or before this date (YYYY-MM-DD).' ),
				'search'      => array( 'string', 'Matches the invoice number and the recipient.' ),
				'page'        => array( 'integer', 'Page number, from 1.' ),
				'per_page'    => array( 'integer', 'Invoices per page, 1 to 100 (default 20).' ),
			)
		);
	}

	/**
	 * Arguments of POST /recurring-templates, PUT /recurring-templates/{id} and the preview.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private static function recurring_template_args() {
		return self::args_from_schema( self::recurring_template_schema() );
	}

	/**
	 * Query of GET /recurring-templates, forwarded as sent.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private static function recurring_filter_args() {
		return self::query_args(
			array(
				'status'      => array( 'string', 'active, paused or ended.' ),
				'customer_id' => array( 'integer', 'Templates of this customer only.' ),
				'search'      => array( 'string', 'Matches the customer and the line descriptions.' ),
				'page'        => array( 'integer', 'Page number, from 1.' ),
				'per_page'    => array( 'integer', 'Templates per page, 1 to 100 (default 20).' ),
			)
		);
	}

	/**
	 * Query of GET /recurring-templates/upcoming.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private static function recurring_upcoming_args() {
		return self::query_args(
			array(
				'limit' => array( 'integer', 'How many upcoming invoices, 1 to 50 (default 10).' ),
			)
		);
	}

	/**
	 * Query of GET /mrr/history.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private static function mrr_history_args() {
		return self::query_args(
			array(
				'months' => array( 'integer', 'Months up to the current one, 1 to 36 (default 12).' ),
			)
		);
	}

	/**
	 * Query of GET /mrr/daily.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private static function mrr_daily_args() {
		return self::query_args(
			array(
				'from' => array( 'string', 'First day (YYYY-MM-DD).' ),
				'to'   => array( 'string', 'Last day (YYYY-MM-DD), at most 366 days after the first.' ),
			)
		);
	}

	/**
	 * Arguments of POST /departments and PUT /departments/{id}.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private static function department_args() {
		return self::args_from_schema( self::department_schema() );
	}

	/**
	 * Query of GET /tickets, forwarded as sent.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private static function ticket_filter_args() {
		return self::query_args(
			array(
				'department_id'        => array( 'integer', 'Tickets of this department only.' ),
				'status'               => array( 'string', 'Comma-separated statuses: new, open, waiting, closed.' ),
				'assignee_id'          => array( 'string', 'Id of the assigned WordPress user, or none for unassigned tickets.' ),
				'search'               => array( 'string', 'Matches the subject, the contact\'s name and e-mail, and #N.' ),
				'awaiting_first_reply' => array( 'string', 'true: only tickets that have had no public reply yet.' ),
				'page'                 => array( 'integer', 'Page number, from 1.' ),
				'per_page'             => array( 'integer', 'Tickets per page, 1 to 100 (default 20).' ),
			)
		);
	}

	/**
	 * Query of GET /tickets/metrics.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private static function ticket_metrics_args() {
		return self::query_args(
			array(
				'from' => array( 'string', 'First day (YYYY-MM-DD, company time zone) or an ISO 8601 instant.' ),
				'to'   => array( 'string', 'Last day, included (YYYY-MM-DD), or an ISO 8601 instant, excluded; at most three years after from.' ),
			)
		);
	}

	/**
	 * Arguments of PUT /tickets/{id}.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private static function ticket_change_args() {
		return self::args_from_schema(
			array(
				'properties' => array_intersect_key( self::ticket_schema()['properties'], array_flip( array( 'status', 'priority', 'assignee_id', 'department_id' ) ) ),
			)
		);
	}

	/**
	 * Arguments of POST /tickets/{id}/replies.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private static function ticket_reply_args() {
		return self::query_args(
			array(
				'body'        => array( 'string', 'The reply, as plain text; e-mailed to the customer.' ),
				'attachments' => array( 'array', 'Files: name, type, content_base64; at most 10 files and 10 MB in all.' ),
				'status'      => array( 'string', 'Status after the reply: waiting (default), open or closed.' ),
			)
		);
	}

	/**
	 * Arguments of POST /tickets/{id}/notes.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private static function ticket_note_args() {
		return self::query_args(
			array(
				'body' => array( 'string', 'The internal note, as plain text; never e-mailed.' ),
			)
		);
	}

	/**
	 * Arguments of POST /lists and PUT /lists/{id}.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private static function list_args() {
		return self::args_from_schema( self::list_schema() );
	}

	/**
	 * Query of GET /lists/{id}/members, forwarded as sent.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private static function list_member_filter_args() {
		return self::query_args(
			array(
				'status'   => array( 'string', 'Comma-separated statuses: pending, subscribed, unsubscribed.' ),
				'page'     => array( 'integer', 'Page number, from 1.' ),
				'per_page' => array( 'integer', 'Members per page, 1 to 100 (default 20).' ),
			)
		);
	}

	/**
	 * Arguments of POST /lists/{id}/members.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private static function list_member_args() {
		return self::query_args(
			array(
				'contact_id'      => array( array( 'integer', 'null' ), 'Id of an existing contact; or give email (and name).' ),
				'email'           => array( 'string', 'E-mail address of the contact, found or created.' ),
				'name'            => array( 'string', 'Name of a contact created from email.' ),
				'source'          => array( 'string', 'Where the consent was given: admin (default) or import.' ),
				'consent_text'    => array( 'string', 'What the contact agreed to, in their words; required.' ),
				'consent_version' => array( 'string', 'Version of that text, if any.' ),
				'consented_at'    => array( array( 'string', 'null' ), 'When the contact agreed (ISO 8601); now when null.' ),
				'locale'          => array( 'string', 'Language of the confirmation e-mail, e.g. es_ES.' ),
			)
		);
	}

	/**
	 * Arguments of POST /stores and PUT /stores/{id}.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private static function store_args() {
		return self::args_from_schema( self::store_schema() );
	}

	/**
	 * Arguments of POST /stores/{id}/test-connection: optional unsaved settings to try instead of the stored ones.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private static function store_connection_test_args() {
		return self::query_args(
			array(
				'url'             => array( 'string', 'Store URL to try instead of the saved one.' ),
				'consumer_key'    => array( 'string', 'REST consumer key to try instead of the saved one.' ),
				'consumer_secret' => array( 'string', 'REST consumer secret to try instead of the saved one.' ),
			)
		);
	}

	/**
	 * Arguments of POST /stores/{id}/sync.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private static function store_sync_args() {
		return self::query_args(
			array(
				'from'    => array( array( 'string', 'null' ), 'First import of the orders created on or after this date (YYYY-MM-DD).' ),
				'restart' => array( 'boolean', 'true: start a first import again instead of resuming or syncing changes.' ),
			)
		);
	}

	/**
	 * Query of GET /orders, forwarded as sent.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private static function order_filter_args() {
		return self::query_args(
			array(
				'store_id' => array( 'integer', 'Orders of this store only.' ),
				'status'   => array( 'string', 'Comma-separated WooCommerce statuses: processing, completed, on-hold…' ),
				'source'   => array( 'string', 'api, webhook, mail or push.' ),
				'search'   => array( 'string', 'Matches the order number, the customer\'s name and e-mail.' ),
				'pending'  => array( 'string', 'true: only orders waiting to be invoiced.' ),
				'page'     => array( 'integer', 'Page number, from 1.' ),
				'per_page' => array( 'integer', 'Orders per page, 1 to 100 (default 25).' ),
			)
		);
	}

	/**
	 * Arguments of POST /orders/{id}/invoice-preview, invoice-draft and refund-drafts.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private static function order_decisions_args() {
		return self::query_args(
			array(
				'decisions' => array( 'object', 'What the user decided: accept_other_currency, accept_fully_refunded, accept_unpaid, accept_no_tax_id, accept_invalid_tax_id, accept_refund_split, untaxed_vat (0 or { exempt: E1…E6 }), kind (F1|F2), language (es|en).' ),
				'refund_id' => array( 'integer', 'refund-drafts only: rectify this refund alone (default: every refund not rectified yet).' ),
			)
		);
	}

	/**
	 * Documented query arguments that WordPress leaves as they are; the service validates them.
	 *
	 * @param array<string, array{0: string, 1: string}> $definitions Name => [type, description].
	 * @return array<string, array<string, mixed>>
	 */
	private static function query_args( array $definitions ) {
		$args = array();
		foreach ( $definitions as $name => $definition ) {
			$args[ $name ] = array(
				'type'              => $definition[0],
				'description'       => $definition[1],
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
	/**
	 * JSON schema of a customer (docs/protocol.md, "Billing routes").
	 *
	 * @return array<string, mixed>
	 */
	public static function customer_schema() {
		$text = static function ( $description ) {
			return array(
				'type'        => 'string',
				'description' => $description,
			);
		};
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'cuadra-customer',
			'type'       => 'object',
			'properties' => array(
				'id'                 => array(
					'type'        => 'integer',
					'description' => 'Id of the customer.',
					'readonly'    => true,
				),
				'legal_name'         => $text( 'Legal or personal name.' ),
				'tax_id'             => array(
					'type'        => array( 'string', 'null' ),
					'description' => 'NIF, NIE, CIF or EU VAT number, normalised; null when the customer has none.',
				),
				'address_line'       => $text( 'Street address.' ),
				'postal_code'        => $text( 'Postal code.' ),
				'city'               => $text( 'City.' ),
				'province'           => $text( 'Province.' ),
				'country_code'       => $text( 'ISO 3166-1 alpha-2 country code.' ),
				'email'              => $text( 'Main e-mail address.' ),
				'additional_emails'  => array(
					'type'        => 'array',
					'description' => 'More e-mail addresses (at most 10).',
					'items'       => array( 'type' => 'string' ),
				),
				'phone'              => $text( 'Phone number.' ),
				'payment_terms_days' => array(
					'type'        => 'integer',
					'description' => 'Days to pay, 0 to 365.',
				),
				'notes'              => $text( 'Internal notes.' ),
				'created_at'         => array(
					'type'        => 'string',
					'description' => 'When the customer was added (ISO 8601).',
					'readonly'    => true,
				),
				'updated_at'         => array(
					'type'        => 'string',
					'description' => 'When the customer was last changed (ISO 8601).',
					'readonly'    => true,
				),
			),
		);
	}

	/**
	 * JSON schema of an invoice: a draft as sent, the whole invoice as answered.
	 *
	 * @return array<string, mixed>
	 */
	public static function invoice_schema() {
		$field     = static function ( $type, $description, $readonly = false ) {
			$property = array(
				'type'        => $type,
				'description' => $description,
			);
			if ( $readonly ) {
				$property['readonly'] = true;
			}
			return $property;
		};
		$timestamp = static function ( $description ) use ( $field ) {
			return $field( array( 'string', 'null' ), $description . ' (ISO 8601).', true );
		};
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'cuadra-invoice',
			'type'       => 'object',
			'properties' => array(
				'id'                        => $field( 'integer', 'Id of the invoice.', true ),
				'status'                    => array(
					'type'        => 'string',
					'enum'        => array( 'draft', 'issued', 'paid', 'rectified', 'cancelled' ),
					'description' => 'Where the invoice is in its life.',
					'readonly'    => true,
				),
				'kind'                      => array(
					'type'        => 'string',
					'enum'        => array( 'F1', 'F2', 'R1', 'R2', 'R3', 'R4', 'R5' ),
					'description' => 'F1 full, F2 simplified, R1 to R5 rectifying.',
				),
				'series_code'               => $field( 'string', 'Series to number the invoice in; by default the first series of its kind.' ),
				'series'                    => $field( 'object', 'Series of the invoice: id and code.', true ),
				'number'                    => $field( array( 'string', 'null' ), 'Full number such as F2026-0001; null while a draft.', true ),
				'issue_date'                => $field( array( 'string', 'null' ), 'Date of issue (YYYY-MM-DD).', true ),
				'operation_date'            => $field( array( 'string', 'null' ), 'Date of the operation when it differs from the issue date (YYYY-MM-DD).' ),
				'due_date'                  => $field( array( 'string', 'null' ), 'Payment due date (YYYY-MM-DD).' ),
				'customer_id'               => $field( array( 'integer', 'null' ), 'The customer invoiced.' ),
				'recipient'                 => $field( array( 'object', 'null' ), 'Recipient data; null takes it from the customer when issuing.' ),
				'issuer'                    => $field( array( 'object', 'null' ), 'The company as it was when the invoice was issued.', true ),
				'currency'                  => $field( 'string', 'ISO 4217 currency code.' ),
				'prices_include_tax'        => $field( 'boolean', 'Unit prices include IVA and recargo.' ),
				'irpf_percent'              => $field( 'string', 'IRPF retention in percent, as a decimal string.' ),
				'simplified_limit_extended' => $field( 'boolean', 'The business may issue simplified invoices up to 3,000 EUR.' ),
				'language'                  => array(
					'type'        => 'string',
					'enum'        => array( 'es', 'en' ),
					'description' => 'Language of the invoice document.',
				),
				'notes'                     => $field( 'string', 'Notes printed on the invoice.' ),
				'payment_method'            => $field( 'string', 'How to pay, printed on the invoice.' ),
				'lines'                     => array(
					'type'        => 'array',
					'description' => 'Lines: description, quantity, unit_price (minor units, as a string), discount_percent, vat (21, 10, 4, 0 or {"exempt": "E1".."E6"}), recargo, irpf.',
					'items'       => array( 'type' => 'object' ),
				),
				'totals'                    => $field( 'object', 'base, vat, recargo, irpf, tax and total in minor units.', true ),
				'tax_summary'               => array(
					'type'        => 'array',
					'description' => 'One row per IVA and recargo rate.',
					'items'       => array( 'type' => 'object' ),
					'readonly'    => true,
				),
				'rectification'             => $field( array( 'object', 'null' ), 'For rectifying invoices: invoice_id, method (substitution or differences) and reason.' ),
				'verifactu'                 => $field( array( 'object', 'null' ), 'VERI*FACTU fingerprint and QR URL, once issued.', true ),
				'issued_at'                 => $timestamp( 'When the invoice was issued' ),
				'paid_at'                   => $timestamp( 'When the invoice was marked as paid' ),
				'cancelled_at'              => $timestamp( 'When the invoice was cancelled' ),
				'created_at'                => $timestamp( 'When the draft was created' ),
				'updated_at'                => $timestamp( 'When the invoice last changed' ),
			),
		);
	}

	/**
	 * JSON schema of an invoice's e-mails (sent, waiting or failed).
	 *
	 * @return array<string, mixed>
	 */
	public static function invoice_emails_schema() {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'cuadra-invoice-emails',
			'type'       => 'object',
			'properties' => array(
				'emails' => array(
					'type'        => 'array',
					'description' => 'E-mails of the invoice: status (pending, sent, failed), attempts, last error, Message-ID.',
					'items'       => array( 'type' => 'object' ),
				),
			),
		);
	}

	/**
	 * JSON schema of the invoice series list.
	 *
	 * @return array<string, mixed>
	 */
	public static function invoice_series_schema() {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'cuadra-invoice-series',
			'type'       => 'object',
			'properties' => array(
				'items' => array(
					'type'        => 'array',
					'description' => 'Series: code, prefix ({YYYY}/{YY} for the year), reset (yearly, never), padding, kind (ordinary, rectifying, simplified).',
					'items'       => array( 'type' => 'object' ),
				),
			),
		);
	}

	/**
	 * JSON schema of the VERI*FACTU chain check.
	 *
	 * @return array<string, mixed>
	 */
	public static function verifactu_chain_schema() {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'cuadra-verifactu-chain',
			'type'       => 'object',
			'properties' => array(
				'intact'                  => array(
					'type'        => 'boolean',
					'description' => 'Whether every record chains to the one before it.',
					'readonly'    => true,
				),
				'records'                 => array(
					'type'        => 'integer',
					'description' => 'Number of records in the chain.',
					'readonly'    => true,
				),
				'first_broken_index'      => array(
					'type'        => 'integer',
					'description' => 'Position (from 0) of the first broken record, when the chain is broken.',
					'readonly'    => true,
				),
				'reason'                  => array(
					'type'        => 'string',
					'description' => 'Why that record breaks the chain.',
					'readonly'    => true,
				),
				'first_broken_invoice_id' => array(
					'type'        => 'integer',
					'description' => 'Invoice of the first broken record.',
					'readonly'    => true,
				),
			),
		);
	}
	/**
	 * JSON schema of a recurring template (docs/protocol.md, "Recurring templates and MRR").
	 *
	 * @return array<string, mixed>
	 */
	public static function recurring_template_schema() {
		$field = static function ( $type, $description, $readonly = false ) {
			$property = array(
				'type'        => $type,
				'description' => $description,
			);
			if ( $readonly ) {
				$property['readonly'] = true;
			}
			return $property;
		};
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'cuadra-recurring-template',
			'type'       => 'object',
			'properties' => array(
				'id'                 => $field( 'integer', 'Id of the template.', true ),
				'status'             => array(
					'type'        => 'string',
					'enum'        => array( 'active', 'paused', 'ended' ),
					'description' => 'Whether the template issues invoices; change it with pause, resume and end.',
					'readonly'    => true,
				),
				'customer_id'        => $field( 'integer', 'The customer invoiced.' ),
				'customer'           => $field( array( 'object', 'null' ), 'The customer: id, legal_name, email.', true ),
				'series_code'        => $field( array( 'string', 'null' ), 'Series to number the invoices in; by default the ordinary series.' ),
				'currency'           => $field( 'string', 'ISO 4217 currency code.' ),
				'language'           => array(
					'type'        => 'string',
					'enum'        => array( 'es', 'en' ),
					'description' => 'Language of the invoices.',
				),
				'prices_include_tax' => $field( 'boolean', 'Unit prices include IVA and recargo.' ),
				'irpf_percent'       => $field( 'string', 'IRPF retention in percent, as a decimal string.' ),
				'payment_method'     => $field( 'string', 'How to pay, printed on each invoice.' ),
				'notes'              => $field( 'string', 'Notes printed on each invoice.' ),
				'lines'              => array(
					'type'        => 'array',
					'description' => 'Lines as on invoice drafts, plus one_off (true: on the first invoice only).',
					'items'       => array( 'type' => 'object' ),
				),
				'discount_percent'   => $field( 'string', 'Discount on every recurring line, in percent, as a decimal string.' ),
				'discount_cycles'    => $field( array( 'integer', 'null' ), 'Number of invoices the discount applies to; null for all.' ),
				'interval_unit'      => array(
					'type'        => 'string',
					'enum'        => array( 'day', 'week', 'month', 'year' ),
					'description' => 'Unit of the period between invoices.',
				),
				'interval_count'     => $field( 'integer', 'Number of units between invoices (1 or more).' ),
				'anchor_date'        => $field( 'string', 'First issue date (YYYY-MM-DD, company time zone); every later date counts from it.' ),
				'anchor_time'        => $field( 'string', 'Time of issue (HH:mm, company time zone).' ),
				'end_date'           => $field( array( 'string', 'null' ), 'No invoice after this date (YYYY-MM-DD).' ),
				'cycles'             => $field( array( 'integer', 'null' ), 'Number of invoices after which the template ends.' ),
				'auto_send'          => $field( 'boolean', 'Send each invoice by e-mail when it is issued.' ),
				'issued_count'       => $field( 'integer', 'Invoices issued so far.', true ),
				'next_issue_date'    => $field( array( 'string', 'null' ), 'Date of the next invoice; null when ended.', true ),
				'next_issue_at'      => $field( array( 'string', 'null' ), 'Instant of the next invoice (ISO 8601).', true ),
				'next_dates'         => array(
					'type'        => 'array',
					'description' => 'The next 12 issue dates.',
					'items'       => array( 'type' => 'string' ),
					'readonly'    => true,
				),
				'mrr'                => $field( 'integer', 'Contribution to MRR now, in minor units.', true ),
				'period_amount'      => $field( 'integer', 'Taxable base of the next recurring invoice, in minor units.', true ),
				'problems'           => array(
					'type'        => 'array',
					'description' => 'What would stop the next invoice: code, message, property.',
					'items'       => array( 'type' => 'object' ),
					'readonly'    => true,
				),
				'history'            => array(
					'type'        => 'array',
					'description' => 'Invoices issued, one per period (single template only).',
					'items'       => array( 'type' => 'object' ),
					'readonly'    => true,
				),
				'created_at'         => $field( 'string', 'When the template was created (ISO 8601).', true ),
				'updated_at'         => $field( 'string', 'When the template last changed (ISO 8601).', true ),
			),
		);
	}

	/**
	 * JSON schema of a template preview.
	 *
	 * @return array<string, mixed>
	 */
	public static function recurring_preview_schema() {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'cuadra-recurring-preview',
			'type'       => 'object',
			'properties' => array(
				'next_dates' => array(
					'type'        => 'array',
					'description' => 'The next 12 issue dates (YYYY-MM-DD).',
					'items'       => array( 'type' => 'string' ),
					'readonly'    => true,
				),
				'mrr'        => array(
					'type'        => 'integer',
					'description' => 'What the template would add to MRR, in minor units.',
					'readonly'    => true,
				),
				'currency'   => array(
					'type'        => 'string',
					'description' => 'ISO 4217 currency code.',
					'readonly'    => true,
				),
				'problems'   => array(
					'type'        => 'array',
					'description' => 'What would stop the next invoice: code, message, property.',
					'items'       => array( 'type' => 'object' ),
					'readonly'    => true,
				),
			),
		);
	}

	/**
	 * JSON schema of the upcoming recurring invoices.
	 *
	 * @return array<string, mixed>
	 */
	public static function recurring_upcoming_schema() {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'cuadra-recurring-upcoming',
			'type'       => 'object',
			'properties' => array(
				'upcoming' => array(
					'type'        => 'array',
					'description' => 'Next invoices: template_id, customer_id, customer_name, date, amount, currency.',
					'items'       => array( 'type' => 'object' ),
					'readonly'    => true,
				),
			),
		);
	}

	/**
	 * JSON schema of the MRR summary.
	 *
	 * @return array<string, mixed>
	 */
	public static function mrr_summary_schema() {
		$money = static function ( $description ) {
			return array(
				'type'        => 'integer',
				'description' => $description . ', in minor units.',
				'readonly'    => true,
			);
		};
		$rate  = static function ( $description ) {
			return array(
				'type'        => array( 'string', 'null' ),
				'description' => $description . ', in percent, as a decimal string.',
				'readonly'    => true,
			);
		};
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'cuadra-mrr-summary',
			'type'       => 'object',
			'properties' => array(
				'currency'                => array(
					'type'        => 'string',
					'description' => 'The company currency, in which the figures are given.',
					'readonly'    => true,
				),
				'as_of'                   => array(
					'type'        => 'string',
					'description' => 'Date of the figures (YYYY-MM-DD).',
					'readonly'    => true,
				),
				'mrr'                     => $money( 'Monthly recurring revenue now' ),
				'previous_month_mrr'      => $money( 'MRR at the end of last month' ),
				'change'                  => $money( 'Change since the end of last month' ),
				'change_percent'          => $rate( 'Change since the end of last month' ),
				'arr'                     => $money( 'Annual recurring revenue (MRR × 12)' ),
				'arpa'                    => $money( 'Average revenue per paying customer' ),
				'paying_customers'        => array(
					'type'        => 'integer',
					'description' => 'Customers with MRR above zero.',
					'readonly'    => true,
				),
				'by_currency'             => array(
					'type'        => 'array',
					'description' => 'MRR per currency: currency, mrr.',
					'items'       => array( 'type' => 'object' ),
					'readonly'    => true,
				),
				'gross_mrr_churn_percent' => $rate( 'Gross MRR churn of last month' ),
				'net_mrr_churn_percent'   => $rate( 'Net MRR churn of last month' ),
			),
		);
	}

	/**
	 * JSON schema of the departments and lists a form editor picks from.
	 *
	 * @return array<string, mixed>
	 */
	public static function named_records_schema() {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'cuadra-named-records',
			'type'       => 'object',
			'properties' => array(
				'items' => array(
					'type'        => 'array',
					'description' => 'Records with at least id and name.',
					'items'       => array( 'type' => 'object' ),
					'readonly'    => true,
				),
			),
		);
	}

	/**
	 * JSON schema of the MRR history.
	 *
	 * @return array<string, mixed>
	 */
	public static function mrr_history_schema() {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'cuadra-mrr-history',
			'type'       => 'object',
			'properties' => array(
				'currency' => array(
					'type'        => 'string',
					'description' => 'The company currency.',
					'readonly'    => true,
				),
				'months'   => array(
					'type'        => 'array',
					'description' => 'Per month: month (YYYY-MM), mrr at its end, and the movements new, expansion, contraction, churn, reactivation (minor units; losses negative).',
					'items'       => array( 'type' => 'object' ),
					'readonly'    => true,
				),
			),
		);
	}

	/**
	 * JSON schema of the daily MRR series.
	 *
	 * @return array<string, mixed>
	 */
	public static function mrr_daily_schema() {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'cuadra-mrr-daily',
			'type'       => 'object',
			'properties' => array(
				'currency' => array(
					'type'        => 'string',
					'description' => 'The company currency.',
					'readonly'    => true,
				),
				'days'     => array(
					'type'        => 'array',
					'description' => 'Per day: date (YYYY-MM-DD) and mrr (minor units).',
					'items'       => array( 'type' => 'object' ),
					'readonly'    => true,
				),
			),
		);
	}

	/**
	 * JSON schema of a department (docs/protocol.md, "Departments and tickets").
	 *
	 * @return array<string, mixed>
	 */
	public static function department_schema() {
		$field = static function ( $type, $description, $readonly = false ) {
			$property = array(
				'type'        => $type,
				'description' => $description,
			);
			if ( $readonly ) {
				$property['readonly'] = true;
			}
			return $property;
		};
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'cuadra-department',
			'type'       => 'object',
			'properties' => array(
				'id'              => $field( 'integer', 'Id of the department.', true ),
				'name'            => $field( 'string', 'Name of the department.' ),
				'colour'          => $field( 'string', 'Colour shown with its tickets, #rrggbb.' ),
				'contact_user_id' => $field( array( 'integer', 'null' ), 'WordPress user who is the contact person, or null.' ),
				'contact_email'   => $field( 'string', 'E-mail notified of new tickets (the contact user\'s, when one is chosen), or empty.' ),
				'is_default'      => $field( 'boolean', 'Whether tickets without a department go here; there is always one.' ),
				'business_hours'  => $field( array( 'object', 'null' ), 'weekly_hours (mon…sun: [{start, end}]) and holidays (YYYY-MM-DD); null for Mon–Fri 09:00–14:00 and 15:00–18:00.' ),
				'created_at'      => $field( 'string', 'When the department was created (ISO 8601).', true ),
				'updated_at'      => $field( 'string', 'When the department last changed (ISO 8601).', true ),
			),
		);
	}

	/**
	 * JSON schema of a ticket (summary; one ticket adds messages and submission).
	 *
	 * @return array<string, mixed>
	 */
	public static function ticket_schema() {
		$field = static function ( $type, $description, $readonly = true ) {
			$property = array(
				'type'        => $type,
				'description' => $description,
			);
			if ( $readonly ) {
				$property['readonly'] = true;
			}
			return $property;
		};
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'cuadra-ticket',
			'type'       => 'object',
			'properties' => array(
				'id'                   => $field( 'integer', 'Id of the ticket; customers see it as [#N].' ),
				'number'               => $field( 'integer', 'Number of the ticket (its id).' ),
				'subject'              => $field( 'string', 'Subject, as sent.' ),
				'status'               => array(
					'type'        => 'string',
					'enum'        => array( 'new', 'open', 'waiting', 'closed' ),
					'description' => 'Status of the ticket.',
				),
				'priority'             => array(
					'type'        => 'string',
					'enum'        => array( 'low', 'normal', 'high', 'urgent' ),
					'description' => 'Priority of the ticket.',
				),
				'assignee_id'          => $field( array( 'integer', 'null' ), 'WordPress user the ticket is assigned to, or null.', false ),
				'department_id'        => $field( 'integer', 'Department to move the ticket to.', false ),
				'department'           => $field( array( 'object', 'null' ), 'The department: id, name, colour.' ),
				'contact'              => $field( 'object', 'The customer: id, name, email.' ),
				'awaiting_first_reply' => $field( 'boolean', 'Whether no public reply was sent yet.' ),
				'messages'             => array(
					'type'        => 'array',
					'description' => 'One ticket only: submission, replies and notes, oldest first (text as sent: escape it).',
					'items'       => array( 'type' => 'object' ),
					'readonly'    => true,
				),
				'created_at'           => $field( 'string', 'When the ticket was created (ISO 8601).' ),
				'updated_at'           => $field( 'string', 'When the ticket last changed (ISO 8601).' ),
				'first_response_at'    => $field( array( 'string', 'null' ), 'When the first public reply was sent.' ),
				'closed_at'            => $field( array( 'string', 'null' ), 'When the ticket was last closed.' ),
			),
		);
	}

	/**
	 * JSON schema of a ticket message (reply or note).
	 *
	 * @return array<string, mixed>
	 */
	public static function ticket_message_schema() {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'cuadra-ticket-message',
			'type'       => 'object',
			'properties' => array(
				'id'          => array(
					'type'        => 'integer',
					'description' => 'Id of the message.',
					'readonly'    => true,
				),
				'kind'        => array(
					'type'        => 'string',
					'enum'        => array( 'submission', 'reply', 'note' ),
					'description' => 'What the message is; notes are never e-mailed.',
					'readonly'    => true,
				),
				'body_text'   => array(
					'type'        => 'string',
					'description' => 'The text, as written.',
					'readonly'    => true,
				),
				'attachments' => array(
					'type'        => 'array',
					'description' => 'Files: id, name, type, size.',
					'items'       => array( 'type' => 'object' ),
					'readonly'    => true,
				),
				'delivery'    => array(
					'type'        => array( 'object', 'null' ),
					'description' => 'For replies: status (pending, sent, failed), attempts, last_error, sent_at.',
					'readonly'    => true,
				),
			),
		);
	}

	/**
	 * JSON schema of the ticket metrics.
	 *
	 * @return array<string, mixed>
	 */
	public static function ticket_metrics_schema() {
		$list = static function ( $description ) {
			return array(
				'type'        => 'array',
				'description' => $description,
				'items'       => array( 'type' => 'object' ),
				'readonly'    => true,
			);
		};
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'cuadra-ticket-metrics',
			'type'       => 'object',
			'properties' => array(
				'from'        => array(
					'type'        => 'string',
					'description' => 'Start of the period (ISO 8601).',
					'readonly'    => true,
				),
				'to'          => array(
					'type'        => 'string',
					'description' => 'End of the period, excluded (ISO 8601).',
					'readonly'    => true,
				),
				'timezone'    => array(
					'type'        => 'string',
					'description' => 'The company time zone.',
					'readonly'    => true,
				),
				'overall'     => array(
					'type'        => 'object',
					'description' => 'volume, awaiting_first_reply, first_response and resolution (count; calendar and business mean_ms, median_ms, p90_ms).',
					'readonly'    => true,
				),
				'departments' => $list( 'The same figures per department, with department_id, name and colour.' ),
				'agents'      => $list( 'The same figures per assignee, with agent_id (null for unassigned).' ),
			),
		);
	}

	/**
	 * JSON schema of a marketing list (docs/protocol.md, "Lists and consent").
	 *
	 * @return array<string, mixed>
	 */
	public static function list_schema() {
		$field = static function ( $type, $description, $readonly = false ) {
			$property = array(
				'type'        => $type,
				'description' => $description,
			);
			if ( $readonly ) {
				$property['readonly'] = true;
			}
			return $property;
		};
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'cuadra-list',
			'type'       => 'object',
			'properties' => array(
				'id'            => $field( 'integer', 'Id of the list.', true ),
				'name'          => $field( 'string', 'Name of the list, one line, at most 100 characters.' ),
				'description'   => $field( 'string', 'What the list is for, at most 2000 characters.' ),
				'double_opt_in' => $field( 'boolean', 'Whether new members confirm by e-mail first (default true).' ),
				'counts'        => $field( 'object', 'Members per status: pending, subscribed, unsubscribed.', true ),
				'created_at'    => $field( 'string', 'When the list was created (ISO 8601).', true ),
				'updated_at'    => $field( 'string', 'When the list last changed (ISO 8601).', true ),
			),
		);
	}

	/**
	 * JSON schema of a list member (one page of them for GET /lists/{id}/members).
	 *
	 * @return array<string, mixed>
	 */
	public static function list_member_schema() {
		$field = static function ( $type, $description ) {
			return array(
				'type'        => $type,
				'description' => $description,
				'readonly'    => true,
			);
		};
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'cuadra-list-member',
			'type'       => 'object',
			'properties' => array(
				'list_id'            => $field( 'integer', 'Id of the list.' ),
				'contact'            => $field( 'object', 'The contact: id, name, email.' ),
				'status'             => $field( 'string', 'pending, subscribed or unsubscribed.' ),
				'consent'            => $field( 'object', 'The consent recorded: text, version, ip, user_agent, source, consented_at.' ),
				'confirmed_at'       => $field( array( 'string', 'null' ), 'When the contact confirmed by e-mail (ISO 8601).' ),
				'unsubscribed_at'    => $field( array( 'string', 'null' ), 'When the contact left the list (ISO 8601).' ),
				'unsubscribe_source' => $field( array( 'string', 'null' ), 'How the contact left: link, one-click or admin:<login>.' ),
				'created_at'         => $field( 'string', 'When the contact joined the list (ISO 8601).' ),
				'updated_at'         => $field( 'string', 'When the membership last changed (ISO 8601).' ),
			),
		);
	}

	/**
	 * JSON schema of a contact as support staff see it (GET /contacts pages these without tickets and lists).
	 *
	 * @return array<string, mixed>
	 */
	public static function contact_schema() {
		$field = static function ( $type, $description, $readonly = true ) {
			$property = array(
				'type'        => $type,
				'description' => $description,
			);
			if ( $readonly ) {
				$property['readonly'] = true;
			}
			return $property;
		};
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'cuadra-contact',
			'type'       => 'object',
			'properties' => array(
				'id'               => $field( 'integer', 'Id of the contact.' ),
				'name'             => $field( 'string', 'Name, one line, at most 200 characters (changeable for leads only).', false ),
				'email'            => $field( 'string', 'E-mail address.' ),
				'phone'            => $field( 'string', 'Phone number, at most 40 characters (changeable for leads only).', false ),
				'kind'             => $field( 'string', 'lead (no billing data yet) or customer.' ),
				'source'           => $field( 'string', 'How the contact first reached us: billing, form, email, admin or import.' ),
				'ticket_count'     => $field( 'integer', 'Number of tickets of the contact.' ),
				'subscribed_lists' => $field( 'integer', 'Number of lists the contact is subscribed to.' ),
				'editable'         => $field( 'boolean', 'Whether support staff may change the name and phone (leads only).' ),
				'tickets'          => $field( 'array', 'Tickets: id, number, subject, status, department (id, name, colour), created_at, last_message_at.' ),
				'list_memberships' => $field( 'array', 'Lists with the consent given: list, status, consent, confirmed_at, unsubscribed_at, unsubscribe_source.' ),
				'created_at'       => $field( 'string', 'When the contact was created (ISO 8601).' ),
				'last_activity_at' => $field( 'string', 'Latest change, ticket message or list change (ISO 8601).' ),
			),
		);
	}

	/**
	 * Query of GET /contacts, forwarded as sent.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private static function contact_search_args() {
		return self::query_args(
			array(
				'search'   => array( 'string', 'Matches the name and the e-mail addresses.' ),
				'filter'   => array( 'string', 'all (default), leads, customers or subscribers.' ),
				'list_id'  => array( 'integer', 'Subscribed to this list only.' ),
				'page'     => array( 'integer', 'Page number, from 1.' ),
				'per_page' => array( 'integer', 'Contacts per page, 1 to 100 (default 20).' ),
			)
		);
	}

	/**
	 * Arguments of PUT /contacts/{id} (a lead's name and phone).
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private static function contact_args() {
		return self::args_from_schema( self::contact_schema() );
	}

	/**
	 * Arguments of POST /contacts/erase.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private static function contact_erase_args() {
		return self::query_args(
			array(
				'email' => array( 'string', 'E-mail address whose personal data is erased; invoices are kept as the law requires.' ),
			)
		);
	}

	/**
	 * JSON schema of the support-mailbox messages that could not be processed.
	 *
	 * @return array<string, mixed>
	 */
	public static function inbound_failures_schema() {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'cuadra-inbound-failures',
			'type'       => 'object',
			'properties' => array(
				'items' => array(
					'type'        => 'array',
					'description' => 'Messages kept aside: id, uid, reason, created_at.',
					'items'       => array( 'type' => 'object' ),
					'readonly'    => true,
				),
			),
		);
	}

	/**
	 * JSON schema of a WooCommerce store (docs/protocol.md, "Stores and orders"); credentials are write-only.
	 *
	 * @return array<string, mixed>
	 */
	public static function store_schema() {
		$field  = static function ( $type, $description, $readonly = false ) {
			$property = array(
				'type'        => $type,
				'description' => $description,
			);
			if ( $readonly ) {
				$property['readonly'] = true;
			}
			return $property;
		};
		$secret = static function ( $description ) use ( $field ) {
			return $field( array( 'string', 'null' ), $description . ' Write-only: omitted keeps the stored one, null or "" removes it.' );
		};
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'cuadra-store',
			'type'       => 'object',
			'properties' => array(
				'id'                  => $field( 'integer', 'Id of the store.', true ),
				'name'                => $field( 'string', 'Name shown in Cuadra.' ),
				'url'                 => $field( 'string', 'Address of the shop, with http:// or https://.' ),
				'consumer_key'        => $secret( 'WooCommerce REST consumer key.' ),
				'consumer_secret'     => $secret( 'WooCommerce REST consumer secret.' ),
				'webhook_secret'      => $secret( 'Secret of the WooCommerce webhooks.' ),
				'imap'                => $field( array( 'object', 'null' ), 'Mailbox of the "New order" e-mails: host, port, tls, user, password (write-only), folder; null for none.' ),
				'invoice_statuses'    => array(
					'type'        => 'array',
					'description' => 'WooCommerce statuses that count as "to invoice".',
					'items'       => array( 'type' => 'string' ),
				),
				'consumer_key_set'    => $field( 'boolean', 'Whether a consumer key is stored.', true ),
				'consumer_secret_set' => $field( 'boolean', 'Whether a consumer secret is stored.', true ),
				'webhook_secret_set'  => $field( 'boolean', 'Whether a webhook secret is stored.', true ),
				'webhook'             => $field( 'object', 'Webhook activity: active, last_received_at, last_ping_at.', true ),
				'sync'                => $field( 'object', 'Sync progress: state, mode, from, watermark, done, total, rate_per_minute, seconds_left…', true ),
				'mail'                => $field( 'object', 'Mailbox reading: last_uid, uid_validity, checked_at.', true ),
				'last_error'          => $field( array( 'object', 'null' ), 'Last failure talking to the store: code, message, raw, at.', true ),
				'created_at'          => $field( 'string', 'When the store was added (ISO 8601).', true ),
				'updated_at'          => $field( 'string', 'When the store last changed (ISO 8601).', true ),
			),
		);
	}

	/**
	 * JSON schema of a connection test's result.
	 *
	 * @return array<string, mixed>
	 */
	public static function store_connection_test_schema() {
		$field = static function ( $type, $description ) {
			return array(
				'type'        => $type,
				'description' => $description,
				'readonly'    => true,
			);
		};
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'cuadra-store-connection-test',
			'type'       => 'object',
			'properties' => array(
				'ok'           => $field( 'boolean', 'Whether the store answered as WooCommerce with these keys.' ),
				'orders_total' => $field( 'integer', 'Orders in the store, when ok.' ),
				'code'         => $field( 'string', 'Why it failed: WRONG_KEYS, AUTH_NOT_RECEIVED, HTTPS_REQUIRED, UNREACHABLE, NOT_WOOCOMMERCE…' ),
				'message'      => $field( 'string', 'The explanation, in English.' ),
				'status'       => $field( array( 'integer', 'null' ), 'HTTP status the store answered with.' ),
				'raw'          => $field( array( 'object', 'string', 'null' ), 'The store\'s answer, truncated, for diagnosis.' ),
			),
		);
	}

	/**
	 * JSON schema of a new webhook secret (shown once).
	 *
	 * @return array<string, mixed>
	 */
	public static function store_webhook_secret_schema() {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'cuadra-store-webhook-secret',
			'type'       => 'object',
			'properties' => array(
				'webhook_secret' => array(
					'type'        => 'string',
					'description' => 'The new secret, to paste into WooCommerce\'s webhook settings.',
					'readonly'    => true,
				),
			),
		);
	}

	/**
	 * JSON schema of a shop order (GET /orders answers { items, total, page, per_page } of these).
	 *
	 * @return array<string, mixed>
	 */
	public static function order_schema() {
		$field = static function ( $type, $description ) {
			return array(
				'type'        => $type,
				'description' => $description,
				'readonly'    => true,
			);
		};
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'cuadra-order',
			'type'       => 'object',
			'properties' => array(
				'id'                    => $field( 'integer', 'Id of the order in Cuadra.' ),
				'store_id'              => $field( 'integer', 'Id of its store.' ),
				'woo_id'                => $field( array( 'integer', 'null' ), 'Id in WooCommerce; null while known only from an e-mail.' ),
				'number'                => $field( 'string', 'Display number in the store.' ),
				'status'                => $field( 'string', 'WooCommerce status.' ),
				'created_at'            => $field( array( 'string', 'null' ), 'When it was placed (ISO 8601).' ),
				'customer_name'         => $field( 'string', 'Billing name.' ),
				'customer_email'        => $field( 'string', 'Billing e-mail.' ),
				'currency'              => $field( 'string', 'ISO 4217 currency code.' ),
				'total'                 => $field( 'integer', 'Total in minor units.' ),
				'sources'               => $field( 'array', 'Where it was seen: api, webhook, mail, push.' ),
				'provisional'           => $field( 'boolean', 'Known only from an e-mail or webhook, not confirmed by the API.' ),
				'pending'               => $field( 'boolean', 'Waiting to be invoiced.' ),
				'invoice_id'            => $field( array( 'integer', 'null' ), 'Its invoice, once invoiced.' ),
				'changed_after_invoice' => $field( 'boolean', 'Whether the store changed it after it was invoiced.' ),
				'ignored'               => $field( 'boolean', 'Marked as not to be invoiced.' ),
				'order'                 => $field( array( 'object', 'null' ), 'The normalised order: lines, addresses, totals (one order only).' ),
				'mail'                  => $field( array( 'object', 'null' ), 'The order as read from its "New order" e-mail (one order only).' ),
			),
		);
	}

	/**
	 * JSON schema of a mailbox message that was not a readable order e-mail, with the start of its source.
	 *
	 * @return array<string, mixed>
	 */
	public static function store_mail_reject_schema() {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'cuadra-store-mail-reject',
			'type'       => 'object',
			'properties' => array(
				'reason'      => array(
					'type'        => 'string',
					'description' => 'Why it was set aside (not_recognised or malformed, and the detail).',
					'readonly'    => true,
				),
				'raw_excerpt' => array(
					'type'        => 'string',
					'description' => 'The start of the raw message, as text, for diagnosis.',
					'readonly'    => true,
				),
			),
		);
	}

	/**
	 * JSON schema of an order's refunds and their rectifying invoices.
	 *
	 * @return array<string, mixed>
	 */
	public static function order_refunds_schema() {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'cuadra-order-refunds',
			'type'       => 'object',
			'properties' => array(
				'items'   => array(
					'type'        => 'array',
					'description' => 'Refunds: id, created_at, reason, amount (minor units, positive), invoice_id (rectifying invoice or null).',
					'items'       => array( 'type' => 'object' ),
					'readonly'    => true,
				),
				'problem' => array(
					'type'        => array( 'object', 'null' ),
					'description' => 'Why the refunds are shown as last synced (the store did not answer), or null.',
					'readonly'    => true,
				),
			),
		);
	}

	/**
	 * JSON schema of a step from an order to invoices (preview, draft, refund drafts).
	 *
	 * @return array<string, mixed>
	 */
	public static function order_invoice_schema() {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'cuadra-order-invoice',
			'type'       => 'object',
			'properties' => array(
				'decisions' => array(
					'type'        => 'object',
					'description' => 'What the user decided (accept_unpaid, accept_no_tax_id, untaxed_vat, kind…).',
				),
				'invoice'   => array(
					'type'        => 'object',
					'description' => 'The new draft invoice (invoice-draft).',
					'readonly'    => true,
				),
				'warnings'  => array(
					'type'        => 'array',
					'description' => 'Things to know about the draft: code, message.',
					'items'       => array( 'type' => 'object' ),
					'readonly'    => true,
				),
				'expected'  => array(
					'type'        => 'object',
					'description' => 'The order\'s totals per tax rate, which the draft equals.',
					'readonly'    => true,
				),
			),
		);
	}
}
