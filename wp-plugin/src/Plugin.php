<?php
/**
 * Wires Cuadra into WordPress.
 *
 * @package Cuadra
 */

namespace Cuadra;

use Cuadra\Admin\AdminBar;
use Cuadra\Admin\InvoicePdf;
use Cuadra\Admin\Menu;
use Cuadra\Admin\MrrDashboardWidget;
use Cuadra\Admin\ServiceNotice;
use Cuadra\Rest\ConnectionController;
use Cuadra\Rest\PreferencesController;
use Cuadra\Rest\ProxyController;

defined( 'ABSPATH' ) || exit;

/**
 * The plugin's only composition root.
 */
final class Plugin {

	/**
	 * Registers every hook.
	 */
	public function boot() {
		add_action( 'rest_api_init', array( $this, 'register_rest_routes' ) );

		( new AdminBar() )->register();
		if ( is_admin() ) {
			( new Menu() )->register();
			( new ServiceNotice() )->register();
			( new InvoicePdf() )->register();
			( new MrrDashboardWidget() )->register();
		}
	}

	/**
	 * rest_api_init: the cuadra/v1 routes.
	 */
	public function register_rest_routes() {
		( new ConnectionController() )->register_routes();
		( new PreferencesController() )->register_routes();
		( new ProxyController() )->register_routes();
	}
}
