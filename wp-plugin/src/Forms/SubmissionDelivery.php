<?php
/**
 * Delivers stored submissions to the service, with retries and exponential backoff.
 *
 * @package Cuadra
 */

namespace Cuadra\Forms;

use Cuadra\Service\ServiceClient;
use Cuadra\Service\SystemUser;

defined( 'ABSPATH' ) || exit;

/**
 * POST /contact-submissions signed as the form-submitter system user. A 2xx marks the row delivered,
 * a 422 marks it failed with the reason; anything else (service down, timeout, 5xx, 404 while the
 * route is missing) keeps it queued for a later attempt. Nothing is ever dropped.
 */
final class SubmissionDelivery {

	const CRON_HOOK = 'cuadra_deliver_submissions';

	const SERVICE_PATH = '/contact-submissions';

	/** Seconds a visitor may wait for the service: the submission is already stored. */
	const TIMEOUT = 5;

	/** How long an attempt holds its row before another worker may take it. */
	const LEASE_SECONDS = 120;

	/** First retry after a minute, doubling up to six hours. */
	const FIRST_RETRY_SECONDS = 60;
	const MAX_RETRY_SECONDS   = 21600;

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
	 * Cron: delivers what is due, then schedules the next run while anything waits.
	 */
	public function run_cron() {
		$this->deliver_due( 50 );
		RateLimiter::prune();
		self::schedule_next();
	}

	/**
	 * Admin page loads retry a few due rows, at most once a minute, so a site without working cron
	 * still drains its queue.
	 */
	public function retry_on_admin_load() {
		if ( wp_doing_ajax() || ! current_user_can( 'edit_posts' ) || get_transient( 'cuadra_delivery_retry_lock' ) ) {
			return;
		}
		set_transient( 'cuadra_delivery_retry_lock', 1, MINUTE_IN_SECONDS );
		$this->deliver_due( 3, ServiceClient::QUICK_TIMEOUT );
		self::schedule_next();
	}

	/**
	 * Delivers due rows, oldest first; stops at the first transport failure (the service is down, the
	 * others would fail the same way).
	 *
	 * @param int $limit   At most this many rows.
	 * @param int $timeout Seconds per request.
	 * @return int Rows delivered.
	 */
	public function deliver_due( $limit, $timeout = self::TIMEOUT ) {
		$delivered = 0;
		foreach ( SubmissionStore::due_ids( $limit ) as $id ) {
			$outcome = $this->deliver( $id, $timeout );
			if ( SubmissionStore::DELIVERED === $outcome ) {
				++$delivered;
			} elseif ( 'unreachable' === $outcome ) {
				break;
			}
		}
		return $delivered;
	}

	/**
	 * One delivery attempt of one row.
	 *
	 * @param int $id      Row id.
	 * @param int $timeout Seconds.
	 * @return string delivered, failed, queued (will retry), unreachable (will retry) or skipped.
	 */
	public function deliver( $id, $timeout = self::TIMEOUT ) {
		if ( ! SubmissionStore::claim( $id, time() + self::LEASE_SECONDS ) ) {
			return 'skipped';
		}
		$row = SubmissionStore::get( $id );
		if ( ! $row ) {
			return 'skipped';
		}
		$attempts = (int) $row->attempts + 1;
		$response = $this->client->request( 'POST', self::SERVICE_PATH, '', (string) $row->payload, $timeout, SystemUser::form_submitter() );

		if ( is_wp_error( $response ) ) {
			$this->retry_later( $id, $attempts, $response->get_error_code() . ': ' . $response->get_error_message() );
			return 'cuadra_service_not_configured' === $response->get_error_code() ? SubmissionStore::QUEUED : 'unreachable';
		}

		$status = (int) $response['status'];
		$answer = json_decode( $response['body'], true );
		if ( $status >= 200 && $status < 300 ) {
			SubmissionStore::update(
				$id,
				array(
					'status'     => SubmissionStore::DELIVERED,
					'attempts'   => $attempts,
					'ticket_id'  => is_array( $answer ) && isset( $answer['ticket_id'] ) ? (int) $answer['ticket_id'] : null,
					'last_error' => null,
				)
			);
			return SubmissionStore::DELIVERED;
		}
		if ( 422 === $status ) {
			SubmissionStore::update(
				$id,
				array(
					'status'     => SubmissionStore::FAILED,
					'attempts'   => $attempts,
					'last_error' => self::describe_rejection( $answer, $response['body'] ),
				)
			);
			error_log( sprintf( 'Cuadra: the service rejected contact submission %d (HTTP 422); kept as failed.', $id ) ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log
			return SubmissionStore::FAILED;
		}
		$this->retry_later( $id, $attempts, sprintf( 'HTTP %d: %s', $status, substr( (string) $response['body'], 0, 500 ) ) );
		return SubmissionStore::QUEUED;
	}

	/**
	 * Keeps the row queued with a later next attempt, and makes sure cron will come back for it.
	 *
	 * @param int    $id       Row id.
	 * @param int    $attempts Attempts made so far.
	 * @param string $reason   What went wrong.
	 */
	private function retry_later( $id, $attempts, $reason ) {
		SubmissionStore::update(
			$id,
			array(
				'attempts'        => $attempts,
				'next_attempt_at' => gmdate( 'Y-m-d H:i:s', time() + self::backoff_seconds( $attempts ) ),
				'last_error'      => substr( $reason, 0, 1000 ),
			)
		);
		self::schedule_next();
	}

	/**
	 * Wait before attempt number $attempts + 1: 1, 2, 4, 8 … minutes, at most six hours.
	 *
	 * @param int $attempts Attempts made so far (≥ 1).
	 * @return int Seconds.
	 */
	public static function backoff_seconds( $attempts ) {
		$exponent = min( 20, max( 0, (int) $attempts - 1 ) );
		return (int) min( self::MAX_RETRY_SECONDS, self::FIRST_RETRY_SECONDS * ( 2 ** $exponent ) );
	}

	/**
	 * Schedules one cron run at the earliest due time while rows wait; none when the queue is empty.
	 */
	public static function schedule_next() {
		$next = SubmissionStore::next_due_time();
		if ( null === $next ) {
			return;
		}
		$scheduled = wp_next_scheduled( self::CRON_HOOK );
		if ( false === $scheduled || $scheduled > max( $next, time() ) + 30 ) {
			wp_clear_scheduled_hook( self::CRON_HOOK );
			wp_schedule_single_event( max( $next, time() ), self::CRON_HOOK );
		}
	}

	/**
	 * The service's field errors as one line for admins.
	 *
	 * @param mixed  $answer Decoded body.
	 * @param string $body   Raw body.
	 * @return string
	 */
	private static function describe_rejection( $answer, $body ) {
		if ( is_array( $answer ) && isset( $answer['errors'] ) && is_array( $answer['errors'] ) ) {
			$parts = array();
			foreach ( $answer['errors'] as $error ) {
				if ( is_array( $error ) ) {
					$parts[] = ( isset( $error['property'] ) ? $error['property'] . ': ' : '' ) . ( isset( $error['message'] ) ? $error['message'] : '' );
				}
			}
			if ( $parts ) {
				return substr( implode( '; ', $parts ), 0, 1000 );
			}
		}
		return substr( $body, 0, 1000 );
	}
}
