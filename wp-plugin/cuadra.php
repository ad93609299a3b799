<?php
/**
 * Plugin Name:       Cuadra
 * Description:       Invoicing, recurring billing, WooCommerce orders and support tickets for Spanish businesses, backed by the Cuadra service.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * Author:            Cuadra
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       cuadra
 * Domain Path:       /languages
 *
 * @package Cuadra
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

define( 'CUADRA_VERSION', '0.1.0' );
define( 'CUADRA_PLUGIN_FILE', __FILE__ );
define( 'CUADRA_PLUGIN_DIR', plugin_dir_path( __FILE__ ) );

// PSR-4: Cuadra\Rest\ProxyController lives in src/Rest/ProxyController.php.
spl_autoload_register(
	static function ( $class_name ) {
		$prefix = 'Cuadra\\';
		if ( 0 !== strpos( $class_name, $prefix ) ) {
			return;
		}
		$relative = substr( $class_name, strlen( $prefix ) );
		$file     = CUADRA_PLUGIN_DIR . 'src/' . str_replace( '\\', '/', $relative ) . '.php';
		if ( is_readable( $file ) ) {
			require_once $file;
		}
	}
);

register_activation_hook( __FILE__, array( 'Cuadra\\Capabilities', 'grant_to_administrator' ) );
register_activation_hook( __FILE__, array( 'Cuadra\\Forms\\SubmissionStore', 'install' ) );

add_action(
	'init',
	static function () {
		load_plugin_textdomain( 'cuadra', false, dirname( plugin_basename( __FILE__ ) ) . '/languages' );
	}
);

add_action(
	'plugins_loaded',
	static function () {
		( new Cuadra\Plugin() )->boot();
	}
);
