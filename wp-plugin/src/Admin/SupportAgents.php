<?php
/**
 * The WordPress users who answer tickets, for the Tickets screens.
 *
 * @package Cuadra
 */

namespace Cuadra\Admin;

use Cuadra\Capabilities;

defined( 'ABSPATH' ) || exit;

/**
 * The service stores assignees and department contacts as WordPress user ids and knows nothing
 * else about them, so the page brings the names (and, for contacts, the e-mail to notify).
 */
final class SupportAgents {

	/** Enough for any support team; the list is printed into the page. */
	const LIMIT = 500;

	/**
	 * Users holding cuadra_support (by role or granted directly), by display name.
	 *
	 * @return array<int, array{id: int, name: string, email: string}>
	 */
	public static function all() {
		$users  = get_users(
			array(
				'capability' => Capabilities::SUPPORT,
				'orderby'    => 'display_name',
				'order'      => 'ASC',
				'number'     => self::LIMIT,
				'fields'     => array( 'ID', 'display_name', 'user_login', 'user_email' ),
			)
		);
		$agents = array();
		foreach ( $users as $user ) {
			$agents[] = array(
				'id'    => (int) $user->ID,
				'name'  => '' !== (string) $user->display_name ? (string) $user->display_name : (string) $user->user_login,
				'email' => (string) $user->user_email,
			);
		}
		return $agents;
	}

	/**
	 * The data-* attributes of the Tickets page shell.
	 *
	 * @return array<string, mixed>
	 */
	public static function boot_data() {
		return array(
			'agents'            => self::all(),
			'current-user-id'   => get_current_user_id(),
			'attachment-url'    => TicketAttachment::base_url(),
			// A reply with attachments travels as one JSON request through WordPress: PHP's own limit applies too.
			'max-request-bytes' => wp_convert_hr_to_bytes( (string) ini_get( 'post_max_size' ) ),
		);
	}
}
