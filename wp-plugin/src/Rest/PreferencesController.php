<?php
/**
 * cuadra/v1/preferences: site-owner choices that live in WordPress only.
 *
 * @package Cuadra
 */

namespace Cuadra\Rest;

use Cuadra\Capabilities;

defined( 'ABSPATH' ) || exit;

/**
 * GET/POST /preferences for cuadra_manage.
 */
final class PreferencesController {

	/** Read by uninstall.php: remove Cuadra's WordPress data only when the owner opted in. */
	const OPTION_DELETE_DATA_ON_UNINSTALL = 'cuadra_delete_data_on_uninstall';

	/**
	 * Registers the routes.
	 */
	public function register_routes() {
		register_rest_route(
			ProxyController::REST_NAMESPACE,
			'/preferences',
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
						'delete_data_on_uninstall' => array(
							'type'        => 'boolean',
							'description' => 'Delete Cuadra\'s options, caches and capabilities when the plugin is uninstalled.',
						),
					),
				),
				'schema' => array( $this, 'schema' ),
			)
		);
	}

	/**
	 * Only people who manage Cuadra change its preferences.
	 *
	 * @return bool|\WP_Error
	 */
	public function can_manage() {
		return ProxyController::user_may( Capabilities::MANAGE );
	}

	/**
	 * GET /preferences.
	 *
	 * @return \WP_REST_Response
	 */
	public function show() {
		return rest_ensure_response( $this->describe() );
	}

	/**
	 * POST /preferences.
	 *
	 * @param \WP_REST_Request $request Request with delete_data_on_uninstall.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function save( \WP_REST_Request $request ) {
		if ( null === $request->get_param( 'delete_data_on_uninstall' ) ) {
			return new \WP_Error(
				'cuadra_missing_preference',
				__( 'Say whether Cuadra\'s WordPress data should be deleted on uninstall.', 'cuadra' ),
				array( 'status' => 400 )
			);
		}
		update_option( self::OPTION_DELETE_DATA_ON_UNINSTALL, $request->get_param( 'delete_data_on_uninstall' ) ? '1' : '0', false );
		return rest_ensure_response( $this->describe() );
	}

	/**
	 * Current preferences.
	 *
	 * @return array{delete_data_on_uninstall: bool}
	 */
	private function describe() {
		return array(
			'delete_data_on_uninstall' => '1' === (string) get_option( self::OPTION_DELETE_DATA_ON_UNINSTALL, '0' ),
		);
	}

	/**
	 * Schema of the preferences.
	 *
	 * @return array<string, mixed>
	 */
	public function schema() {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'cuadra-preferences',
			'type'       => 'object',
			'properties' => array(
				'delete_data_on_uninstall' => array(
					'type'        => 'boolean',
					'description' => 'Delete Cuadra\'s WordPress data when the plugin is uninstalled.',
				),
			),
		);
	}
}
