<?php
/**
 * Removes Cuadra's WordPress data, but only when the site owner opted in under Cuadra → Settings.
 * The service's own tables are left alone: they belong to the service.
 *
 * @package Cuadra
 */

if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
	exit;
}

require_once __DIR__ . '/src/Capabilities.php';

/**
 * Deletes the cuadra_* options and transients and the capabilities (of roles and single users) of the current site.
 */
function cuadra_uninstall_site() {
	global $wpdb;

	if ( ! get_option( 'cuadra_delete_data_on_uninstall' ) ) {
		return;
	}

	$patterns = array(
		$wpdb->esc_like( 'cuadra_' ) . '%',
		$wpdb->esc_like( '_transient_cuadra_' ) . '%',
		$wpdb->esc_like( '_transient_timeout_cuadra_' ) . '%',
	);
	foreach ( $patterns as $pattern ) {
		$names = $wpdb->get_col( $wpdb->prepare( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE %s", $pattern ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
		foreach ( $names as $name ) {
			delete_option( $name ); // Also clears the object cache entry.
		}
	}
	// Transients kept in a persistent object cache never reach the options table.
	delete_transient( 'cuadra_service_health' );

	// The plugin's own queues (form submissions, spam log, rate window, same-site order pushes). Named
	// one by one: the service's cuadra_* tables may live in this same database and are not ours.
	foreach ( array( 'cuadra_submissions', 'cuadra_spam_log', 'cuadra_form_hits', 'cuadra_order_push' ) as $table ) {
		$wpdb->query( 'DROP TABLE IF EXISTS `' . esc_sql( $wpdb->prefix . $table ) . '`' ); // phpcs:ignore WordPress.DB
	}
	wp_clear_scheduled_hook( 'cuadra_deliver_submissions' );
	wp_clear_scheduled_hook( 'cuadra_push_orders' );
	wp_clear_scheduled_hook( 'cuadra_backfill_orders' );

	Cuadra\Capabilities::remove_from_all_roles();
	Cuadra\Capabilities::remove_from_users();
}

if ( is_multisite() ) {
	foreach ( get_sites( array( 'fields' => 'ids' ) ) as $cuadra_site_id ) {
		switch_to_blog( $cuadra_site_id );
		cuadra_uninstall_site();
		restore_current_blog();
	}
} else {
	cuadra_uninstall_site();
}
