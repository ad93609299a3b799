<?php
/**
 * Delivers stored submissions to the service, with retries and exponential backoff.
 *
 * @package Cuadra
 */

namespace Cuadra\Forms;

use Cuadra\Service\RetrySchedule;
use Cuadra\Service\ServiceClient;
use Cuadra\Service\SystemUser;

defined( 'ABSPATH' ) || exit;

/**
 * The visitor is answered as soon as the submission is stored; delivery happens after, in batches:
 * a WP-Cron run spawned at once (WordPress's own non-blocking loopback request) drains the queue
 * with POST /contact-submissions/batch, signed as the form-submitter system user. A delivered item
 * marks its row delivered, a rejected one (field errors) marks it failed with the reason; anything
 * else (service down, timeout, 5xx) keeps the rows queued with backoff. Nothing is ever dropped.
 *
 * Why not deliver inside the visitor's request: the request would wait for the service, and a busy
 * form would cost one service round trip and one database commit per enquiry instead of one per
 * batch (bench/contact-form.bench.ts measures both against a trivial REST route).
 */
final class SubmissionDelivery {

	const CRON_HOOK = 'cuadra_deliver_submissions';

	const SERVICE_PATH = '/contact-submissions/batch';

	/** Seconds a batch may take at the service. */
	const TIMEOUT = 15;

	/** Seconds a visitor waits when delivery must happen inline (WP-Cron disabled). */
	const INLINE_TIMEOUT = 5;

	/** How long an attempt holds its rows before another worker may take them. */
	const LEASE_SECONDS = 120;

	/** Rows per claim, and bytes per request (the service reads bodies up to 1 MiB). */
	const BATCH_ROWS  = 50;
	const BATCH_BYTES = 900000;

	/** A cron run stops taking new batches after this many seconds (it runs in a PHP request). */
	const RUN_SECONDS = 20;

	/** A cron run waits this long for more submissions once the queue is empty, looking every 0.2 s. */
	const LINGER_SECONDS           = 1.0;
	const LINGER_STEP_MICROSECONDS = 200000;

	/**
	 * Signed client.
	 *
	 * @var ServiceClient
	 */
	private $client;

	/**
	 * Creates the delivery.
	 *
	 * @param ServiceClient|null $client Client to use.
	 */
	public function __construct( ?ServiceClient $client = null ) {
		$this->client = $client ? $client : new ServiceClient();
	}

	/**
	 * Hooks: the cron event and the opportunistic retry on admin page loads.
	 */
	public function register() {
		add_action( self::CRON_HOOK, array( $this, 'run_cron' ) );
		add_action( 'admin_init', array( $this, 'retry_on_admin_load' ) );
	}

	/**
	 * A submission was just stored: have it delivered soon without making the visitor wait.
	 *
	 * With WP-Cron on (WordPress's default) an event due now is scheduled once and a cron run is
	 * spawned right away; while one runs, further submissions only find the event scheduled (an
	 * autoloaded option, no query) and the running drain picks their rows up. A site that turned
	 * WP-Cron off runs wp-cron.php from a system cron every few minutes, which is too slow for an
	 * enquiry: there the row is delivered inline, and stays queued if the service is down.
	 *
	 * @param int $id The stored row.
	 */
	public function after_store( $id ) {
		if ( defined( 'DISABLE_WP_CRON' ) && DISABLE_WP_CRON ) {
			$this->deliver_rows( SubmissionStore::claim_due( 1, time() + self::LEASE_SECONDS, $id ), self::INLINE_TIMEOUT );
			return;
		}
		// Due now, even when a retry of older rows is scheduled hours ahead (after an outage).
		RetrySchedule::schedule_next( self::CRON_HOOK, time() );
		spawn_cron();
	}

	/**
	 * Cron: drains what is due in batches, then schedules the next run while anything waits.
	 */
	public function run_cron() {
		$this->deliver_due( PHP_INT_MAX, self::TIMEOUT, self::RUN_SECONDS, self::LINGER_SECONDS );
		RateLimiter::prune();
		self::schedule_next();
		add_action( 'shutdown', array( $this, 'run_again_if_due' ) );
	}

	/**
	 * After a cron run, at shutdown: a submission stored after the drain's last look found the run's
	 * lock still held and could not spawn one, so without this it would wait for the next page view.
	 * By now wp-cron.php has released its lock; a plain request to it takes a new one (as a system
	 * cron would) and drains again.
	 */
	public function run_again_if_due() {
		if ( ! SubmissionStore::has_due() ) {
			return;
		}
		wp_remote_post(
			site_url( 'wp-cron.php' ),
			array(
				'timeout'   => 0.01,
				'blocking'  => false,
				/** This filter is documented in wp-includes/class-wp-http-streams.php */
				'sslverify' => apply_filters( 'https_local_ssl_verify', false ),
			)
		);
	}

	/**
	 * Admin page loads retry one batch, at most once a minute, so a site without working cron still
	 * drains its queue.
	 */
	public function retry_on_admin_load() {
		if ( wp_doing_ajax() || ! current_user_can( 'edit_posts' ) || get_transient( 'cuadra_delivery_retry_lock' ) ) {
			return;
		}
		set_transient( 'cuadra_delivery_retry_lock', 1, MINUTE_IN_SECONDS );
		$this->deliver_due( self::BATCH_ROWS, ServiceClient::QUICK_TIMEOUT, 0 );
		self::schedule_next();
	}

	/**
	 * Delivers due rows, oldest first, batch after batch; stops at the first transport failure (the
	 * service is down: the rest would fail the same way), when the time is up, or when the queue has
	 * stayed empty for a short while.
	 *
	 * Why linger: on a busy form every submission would otherwise spawn its own cron run (a whole
	 * WordPress bootstrap) for a batch of one or two. Waiting a moment for the next rows costs an idle
	 * PHP worker, no CPU, and lets each run carry many submissions. A lone enquiry is still sent at
	 * once: the first claim takes it.
	 *
	 * @param int   $limit   At most this many rows.
	 * @param int   $timeout Seconds per request.
	 * @param int   $seconds Take no new batch after this many seconds (0: one batch only).
	 * @param float $linger  Seconds to wait for more rows once the queue is empty (0: stop at once).
	 * @return int Rows delivered.
	 */
	public function deliver_due( $limit, $timeout = self::TIMEOUT, $seconds = self::RUN_SECONDS, $linger = 0.0 ) {
		$started   = microtime( true );
		$idle_from = null;
		$delivered = 0;
		$taken     = 0;
		while ( $taken < $limit ) {
			$rows = SubmissionStore::claim_due( (int) min( self::BATCH_ROWS, $limit - $taken ), time() + self::LEASE_SECONDS );
			if ( ! $rows ) {
				$idle_from = null === $idle_from ? microtime( true ) : $idle_from;
				if ( microtime( true ) - $idle_from >= $linger || microtime( true ) - $started >= $seconds ) {
					break;
				}
				usleep( self::LINGER_STEP_MICROSECONDS );
				continue;
			}
			$idle_from  = null;
			$taken     += count( $rows );
			$outcome    = $this->deliver_rows( $rows, $timeout );
			$delivered += $outcome['delivered'];
			if ( $outcome['unreachable'] || microtime( true ) - $started >= $seconds ) {
				break;
			}
			if ( count( $rows ) < self::BATCH_ROWS && $linger > 0 ) {
				// A short batch means the queue is drained: let the next rows gather instead of sending
				// them one or two at a time (each request is a transaction and a commit at the service).
				usleep( self::LINGER_STEP_MICROSECONDS );
			}
		}
		return $delivered;
	}

	/**
	 * Sends claimed rows in requests of at most BATCH_BYTES and records each row's outcome.
	 *
	 * @param object[] $rows    Claimed rows (id, payload, attempts).
	 * @param int      $timeout Seconds per request.
	 * @return array{delivered: int, unreachable: bool}
	 */
	private function deliver_rows( array $rows, $timeout ) {
		$delivered = 0;
		$chunk     = array();
		$bytes     = 0;
		$chunks    = array();
		foreach ( $rows as $row ) {
			if ( $chunk && $bytes + strlen( $row->payload ) > self::BATCH_BYTES ) {
				$chunks[] = $chunk;
				$chunk    = array();
				$bytes    = 0;
			}
			$chunk[] = $row;
			$bytes  += strlen( $row->payload ) + 1;
		}
		if ( $chunk ) {
			$chunks[] = $chunk;
		}
		foreach ( $chunks as $index => $batch ) {
			$outcome = $this->deliver_batch( $batch, $timeout );
			if ( null === $outcome ) {
				// The service is unreachable: the rows not yet sent wait with the same backoff.
				foreach ( array_slice( $chunks, $index + 1 ) as $rest ) {
					$this->retry_rows_later( $rest, 'not sent: the service was unreachable for an earlier batch' );
				}
				return array(
					'delivered'   => $delivered,
					'unreachable' => true,
				);
			}
			$delivered += $outcome;
		}
		return array(
			'delivered'   => $delivered,
			'unreachable' => false,
		);
	}

	/**
	 * One request with one batch.
	 *
	 * @param object[] $rows    Claimed rows.
	 * @param int      $timeout Seconds.
	 * @return int|null Rows delivered, or null when the service could not be reached.
	 */
	private function deliver_batch( array $rows, $timeout ) {
		// The payloads are stored as the JSON the service reads: joined, not decoded and encoded again.
		$body     = '{"submissions":[' . implode( ',', wp_list_pluck( $rows, 'payload' ) ) . ']}';
		$response = $this->client->request( 'POST', self::SERVICE_PATH, '', $body, $timeout, SystemUser::form_submitter() );

		if ( is_wp_error( $response ) ) {
			$this->retry_rows_later( $rows, $response->get_error_code() . ': ' . $response->get_error_message() );
			return 'cuadra_service_not_configured' === $response->get_error_code() ? 0 : null;
		}
		$status  = (int) $response['status'];
		$answer  = json_decode( $response['body'], true );
		$results = 200 === $status && is_array( $answer ) && isset( $answer['results'] ) && is_array( $answer['results'] ) ? $answer['results'] : null;
		if ( null === $results ) {
			$this->retry_rows_later( $rows, sprintf( 'HTTP %d: %s', $status, substr( (string) $response['body'], 0, 500 ) ) );
			return 0;
		}

		$tickets  = array();
		$answered = array();
		foreach ( $results as $result ) {
			$index = is_array( $result ) && isset( $result['index'] ) ? (int) $result['index'] : -1;
			if ( ! isset( $rows[ $index ] ) || isset( $answered[ $index ] ) ) {
				continue;
			}
			$row   = $rows[ $index ];
			$state = isset( $result['status'] ) ? (string) $result['status'] : '';
			if ( 'created' === $state || 'existing' === $state ) {
				$answered[ $index ]        = true;
				$tickets[ (int) $row->id ] = isset( $result['ticket_id'] ) ? (int) $result['ticket_id'] : 0;
			} elseif ( 'rejected' === $state ) {
				$answered[ $index ] = true;
				SubmissionStore::update(
					$row->id,
					array(
						'status'     => SubmissionStore::FAILED,
						'attempts'   => (int) $row->attempts + 1,
						'last_error' => RetrySchedule::describe_rejection( isset( $result['errors'] ) ? $result['errors'] : null, (string) wp_json_encode( $result ) ),
						'lease'      => null,
					)
				);
				error_log( sprintf( 'Cuadra: the service rejected contact submission %d; kept as failed.', $row->id ) ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log
			}
		}
		SubmissionStore::mark_delivered( $tickets );
		// A row the answer did not mention, or asked to send again ("retry": the service could not store
		// it this time), or with a status this version does not know, waits with backoff on its own.
		$unanswered = array_diff_key( $rows, $answered );
		if ( $unanswered ) {
			$this->retry_rows_later( $unanswered, 'the service did not store this submission this time' );
		}
		return count( $tickets );
	}

	/**
	 * Keeps rows queued, each with a later next attempt, and makes sure cron comes back for them.
	 *
	 * @param object[] $rows   Rows (id, attempts before this one).
	 * @param string   $reason What went wrong.
	 */
	private function retry_rows_later( array $rows, $reason ) {
		foreach ( $rows as $row ) {
			$attempts = (int) $row->attempts + 1;
			SubmissionStore::update(
				$row->id,
				array(
					'attempts'        => $attempts,
					'next_attempt_at' => gmdate( 'Y-m-d H:i:s', time() + RetrySchedule::backoff_seconds( $attempts ) ),
					'last_error'      => substr( $reason, 0, 1000 ),
					'lease'           => null,
				)
			);
		}
		self::schedule_next();
	}

	/**
	 * Schedules one cron run at the earliest due time while rows wait; none when the queue is empty.
	 */
	public static function schedule_next() {
		RetrySchedule::schedule_next( self::CRON_HOOK, SubmissionStore::next_due_time() );
	}
}
