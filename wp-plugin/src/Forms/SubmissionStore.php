<?php
/**
 * The plugin's own tables for contact-form submissions: the delivery queue, the spam log and the
 * per-IP rate window.
 *
 * @package Cuadra
 */

namespace Cuadra\Forms;

defined( 'ABSPATH' ) || exit;

/**
 * A submission is stored here first and delivered to the service after, so nothing is lost while
 * the service is down.
 */
final class SubmissionStore {

	const SCHEMA_VERSION        = '2';
	const SCHEMA_VERSION_OPTION = 'cuadra_forms_schema_version';

	const QUEUED    = 'queued';
	const DELIVERED = 'delivered';
	const FAILED    = 'failed';

	/**
	 * Submissions table name.
	 *
	 * @return string
	 */
	public static function table() {
		global $wpdb;
		return $wpdb->prefix . 'cuadra_submissions';
	}

	/**
	 * Spam log table name.
	 *
	 * @return string
	 */
	public static function spam_table() {
		global $wpdb;
		return $wpdb->prefix . 'cuadra_spam_log';
	}

	/**
	 * Rate window table name.
	 *
	 * @return string
	 */
	public static function hits_table() {
		global $wpdb;
		return $wpdb->prefix . 'cuadra_form_hits';
	}

	/**
	 * Creates or upgrades the tables when the stored schema version is not the current one.
	 */
	public static function maybe_install() {
		if ( get_option( self::SCHEMA_VERSION_OPTION ) !== self::SCHEMA_VERSION ) {
			self::install();
		}
	}

	/**
	 * Creates or upgrades the tables (dbDelta: safe to run again).
	 */
	public static function install() {
		global $wpdb;
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		$charset = $wpdb->get_charset_collate();
		dbDelta(
			'CREATE TABLE ' . self::table() . " (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  uuid char(36) NOT NULL,
  post_id bigint(20) unsigned NOT NULL DEFAULT 0,
  form_id varchar(32) NOT NULL DEFAULT '',
  payload longtext NOT NULL,
  status varchar(16) NOT NULL DEFAULT 'queued',
  attempts int(10) unsigned NOT NULL DEFAULT 0,
  next_attempt_at datetime NOT NULL,
  last_error text NULL,
  ticket_id bigint(20) unsigned NULL,
  lease char(32) NULL,
  created_at datetime NOT NULL,
  PRIMARY KEY  (id),
  UNIQUE KEY uuid (uuid),
  KEY status_next (status,next_attempt_at),
  KEY lease (lease)
) $charset;
CREATE TABLE " . self::spam_table() . " (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  post_id bigint(20) unsigned NOT NULL DEFAULT 0,
  form_id varchar(32) NOT NULL DEFAULT '',
  reason varchar(32) NOT NULL,
  ip_hash char(64) NOT NULL,
  created_at datetime NOT NULL,
  PRIMARY KEY  (id),
  KEY created_at (created_at)
) $charset;
CREATE TABLE " . self::hits_table() . " (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  ip_hash char(64) NOT NULL,
  created_at datetime NOT NULL,
  PRIMARY KEY  (id),
  KEY ip_time (ip_hash,created_at)
) $charset;"
		);
		update_option( self::SCHEMA_VERSION_OPTION, self::SCHEMA_VERSION, true );
	}

	/**
	 * Stores a submission as queued, due now.
	 *
	 * @param string               $uuid    Idempotency key.
	 * @param int                  $post_id Post holding the form.
	 * @param string               $form_id The block's formId.
	 * @param array<string, mixed> $payload Body for the service.
	 * @return int|false Row id, or false when the database refused it.
	 */
	public static function insert( $uuid, $post_id, $form_id, array $payload ) {
		global $wpdb;
		$now = gmdate( 'Y-m-d H:i:s' );
		$ok  = $wpdb->insert( // phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery
			self::table(),
			array(
				'uuid'            => $uuid,
				'post_id'         => (int) $post_id,
				'form_id'         => (string) $form_id,
				'payload'         => wp_json_encode( $payload, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ),
				'status'          => self::QUEUED,
				'attempts'        => 0,
				'next_attempt_at' => $now,
				'created_at'      => $now,
			),
			array( '%s', '%d', '%s', '%s', '%s', '%d', '%s', '%s' )
		);
		return $ok ? (int) $wpdb->insert_id : false;
	}

	/**
	 * One row.
	 *
	 * @param int $id Row id.
	 * @return object|null
	 */
	public static function get( $id ) {
		global $wpdb;
		return $wpdb->get_row( $wpdb->prepare( 'SELECT * FROM ' . self::table() . ' WHERE id = %d', $id ) ); // phpcs:ignore WordPress.DB
	}

	/**
	 * Whether any queued row is due now.
	 *
	 * @return bool
	 */
	public static function has_due() {
		global $wpdb;
		return (bool) $wpdb->get_var( $wpdb->prepare( 'SELECT 1 FROM ' . self::table() . ' WHERE status = %s AND next_attempt_at <= %s LIMIT 1', self::QUEUED, gmdate( 'Y-m-d H:i:s' ) ) ); // phpcs:ignore WordPress.DB
	}

	/**
	 * The earliest next attempt among queued rows (Unix seconds), or null when nothing waits.
	 *
	 * @return int|null
	 */
	public static function next_due_time() {
		global $wpdb;
		$next = $wpdb->get_var( $wpdb->prepare( 'SELECT MIN(next_attempt_at) FROM ' . self::table() . ' WHERE status = %s', self::QUEUED ) ); // phpcs:ignore WordPress.DB
		return $next ? (int) strtotime( $next . ' UTC' ) : null;
	}

	/**
	 * Takes up to $limit due rows, oldest first, for one delivery attempt: one UPDATE marks them with a
	 * fresh lease and pushes their next attempt past it, so a second worker (another cron run, a
	 * request) skips them meanwhile; a worker that dies leaves them due again when the lease ends.
	 *
	 * @param int $limit       At most this many rows.
	 * @param int $lease_until Unix seconds.
	 * @param int $only_id     Only this row (0: any due row).
	 * @return object[] Rows with id, payload and attempts.
	 */
	public static function claim_due( $limit, $lease_until, $only_id = 0 ) {
		global $wpdb;
		$lease = wp_generate_password( 32, false );
		$only  = $only_id ? $wpdb->prepare( ' AND id = %d', $only_id ) : '';
		$taken = $wpdb->query( // phpcs:ignore WordPress.DB
			$wpdb->prepare(
				'UPDATE ' . self::table() . ' SET next_attempt_at = %s, lease = %s WHERE status = %s AND next_attempt_at <= %s' . $only . ' ORDER BY id LIMIT %d', // phpcs:ignore WordPress.DB
				gmdate( 'Y-m-d H:i:s', $lease_until ),
				$lease,
				self::QUEUED,
				gmdate( 'Y-m-d H:i:s' ),
				$limit
			)
		);
		if ( ! $taken ) {
			return array();
		}
		return $wpdb->get_results( $wpdb->prepare( 'SELECT id, payload, attempts FROM ' . self::table() . ' WHERE lease = %s ORDER BY id', $lease ) ); // phpcs:ignore WordPress.DB
	}

	/**
	 * Marks rows delivered with their tickets, in one statement for the whole batch.
	 *
	 * @param array<int, int> $tickets Ticket id (0: not reported) by row id.
	 */
	public static function mark_delivered( array $tickets ) {
		global $wpdb;
		if ( ! $tickets ) {
			return;
		}
		$cases = '';
		foreach ( $tickets as $id => $ticket_id ) {
			$cases .= $wpdb->prepare( ' WHEN %d THEN %d', $id, $ticket_id );
		}
		$ids = implode( ',', array_map( 'intval', array_keys( $tickets ) ) );
		$wpdb->query( // phpcs:ignore WordPress.DB
			$wpdb->prepare(
				'UPDATE ' . self::table() . " SET status = %s, attempts = attempts + 1, last_error = NULL, lease = NULL, ticket_id = NULLIF(CASE id{$cases} END, 0) WHERE id IN ({$ids})", // phpcs:ignore WordPress.DB
				self::DELIVERED
			)
		);
	}

	/**
	 * Records the outcome of one attempt.
	 *
	 * @param int                  $id      Row id.
	 * @param array<string, mixed> $changes Columns to set.
	 */
	public static function update( $id, array $changes ) {
		global $wpdb;
		$wpdb->update( self::table(), $changes, array( 'id' => (int) $id ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery
	}

	/**
	 * Logs one spam submission (nothing else is stored for it).
	 *
	 * @param int    $post_id Post holding the form.
	 * @param string $form_id The block's formId.
	 * @param string $reason  honeypot or too_fast.
	 * @param string $ip_hash Hashed visitor IP.
	 */
	public static function log_spam( $post_id, $form_id, $reason, $ip_hash ) {
		global $wpdb;
		$wpdb->insert( // phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery
			self::spam_table(),
			array(
				'post_id'    => (int) $post_id,
				'form_id'    => (string) $form_id,
				'reason'     => $reason,
				'ip_hash'    => $ip_hash,
				'created_at' => gmdate( 'Y-m-d H:i:s' ),
			),
			array( '%d', '%s', '%s', '%s', '%s' )
		);
	}
}
