<?php
/**
 * The three Cuadra capabilities and who holds them.
 *
 * @package Cuadra
 */

namespace Cuadra;

defined( 'ABSPATH' ) || exit;

/**
 * Capability names, granting on activation and the per-user list sent to the service.
 */
final class Capabilities {

	/** Settings and connection. */
	const MANAGE = 'cuadra_manage';

	/** Invoices, recurring templates, orders. */
	const BILLING = 'cuadra_billing';

	/** Tickets and contacts. */
	const SUPPORT = 'cuadra_support';

	/**
	 * Every Cuadra capability, in the order the service expects them listed.
	 *
	 * @return string[]
	 */
	public static function all() {
		return array( self::MANAGE, self::BILLING, self::SUPPORT );
	}

	/**
	 * Activation hook: administrators get every Cuadra capability.
	 */
	public static function grant_to_administrator() {
		$role = get_role( 'administrator' );
		if ( ! $role ) {
			return;
		}
		foreach ( self::all() as $capability ) {
			$role->add_cap( $capability );
		}
	}

	/**
	 * Used by uninstall.php: no role keeps a Cuadra capability.
	 */
	public static function remove_from_all_roles() {
		foreach ( wp_roles()->role_objects as $role ) {
			foreach ( self::all() as $capability ) {
				$role->remove_cap( $capability );
			}
		}
	}

	/**
	 * Used by uninstall.php: capabilities granted to single users (not through a role) go too.
	 */
	public static function remove_from_users() {
		global $wpdb;
		$users = get_users(
			array(
				'meta_key'     => $wpdb->get_blog_prefix() . 'capabilities', // phpcs:ignore WordPress.DB.SlowDBQuery.slow_db_query_meta_key
				'meta_value'   => 'cuadra_', // phpcs:ignore WordPress.DB.SlowDBQuery.slow_db_query_meta_value
				'meta_compare' => 'LIKE',
			)
		);
		foreach ( $users as $user ) {
			foreach ( self::all() as $capability ) {
				if ( isset( $user->caps[ $capability ] ) ) {
					$user->remove_cap( $capability );
				}
			}
		}
	}

	/**
	 * The Cuadra capabilities a user holds (by role or granted to the user directly).
	 *
	 * @param \WP_User $user The user.
	 * @return string[]
	 */
	public static function held_by( \WP_User $user ) {
		$held = array();
		foreach ( self::all() as $capability ) {
			if ( $user->has_cap( $capability ) ) {
				$held[] = $capability;
			}
		}
		return $held;
	}

	/**
	 * Whether the current user may see Cuadra at all.
	 *
	 * @return bool
	 */
	public static function current_user_has_any() {
		foreach ( self::all() as $capability ) {
			if ( current_user_can( $capability ) ) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The first Cuadra capability the current user holds, to gate menu entries that any of them opens.
	 *
	 * @return string A capability name; cuadra_manage when the user has none, so the check fails.
	 */
	public static function first_held_by_current_user() {
		foreach ( self::all() as $capability ) {
			if ( current_user_can( $capability ) ) {
				return $capability;
			}
		}
		return self::MANAGE;
	}
}
