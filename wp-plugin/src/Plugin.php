<?php
/**
 * Wires Cuadra into WordPress.
 *
 * @package Cuadra
 */

namespace Cuadra;

use Cuadra\Admin\AdminBar;
use Cuadra\Admin\InvoicePdf;
use Cuadra\Admin\ListExport;
use Cuadra\Admin\Menu;
use Cuadra\Admin\MrrDashboardWidget;
use Cuadra\Admin\ServiceNotice;
use Cuadra\Admin\TicketAttachment;
use Cuadra\Forms\ContactFormBlock;
use Cuadra\Forms\SubmissionDelivery;
use Cuadra\Forms\SubmissionHandler;
use Cuadra\Lists\ListActionHandler;
use Cuadra\Lists\PrivacyHooks;
use Cuadra\Rest\ConnectionController;
use Cuadra\Rest\ContactSubmissionController;
use Cuadra\Rest\PreferencesController;
use Cuadra\Rest\ProxyController;
use Cuadra\Rest\WooWebhookController;
use Cuadra\Woo\OrderBackfill;
use Cuadra\Woo\OrderHooks;
use Cuadra\Woo\OrderPushDelivery;
use Cuadra\Woo\SameSiteController;

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
		( new ContactFormBlock() )->register();
		( new SubmissionHandler() )->register();
		( new SubmissionDelivery() )->register();
		( new ListActionHandler() )->register();
		( new PrivacyHooks() )->register();
		( new OrderHooks() )->register();
		( new OrderPushDelivery() )->register();
		( new OrderBackfill() )->register();
		if ( is_admin() ) {
			( new Menu() )->register();
			( new ServiceNotice() )->register();
			( new InvoicePdf() )->register();
			( new TicketAttachment() )->register();
			( new ListExport() )->register();
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
		( new WooWebhookController() )->register_routes();
		( new ContactSubmissionController() )->register_routes();
		( new SameSiteController() )->register_routes();
	}
}
