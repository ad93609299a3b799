<?php
/**
 * Pushes queued orders of this site's WooCommerce to the service, with retries and backoff.
 *
 * @package Cuadra
 */

namespace Cuadra\Woo;

use Cuadra\Capabilities;
use Cuadra\Service\RetrySchedule;
use Cuadra\Service\ServiceClient;
use Cuadra\Service\SystemUser;

defined( 'ABSPATH' ) || exit;

/**
 * WP-Cron drains the queue in batches: POST /stores/{id}/orders/push signed as a system user, each
 * request at most BATCH_BYTES. A 2xx removes the rows; a 422 or 413 on several orders sends them one
 * by one, and on one order keeps it as failed with the reason; anything else (service down, timeout,
 * 5xx) keeps the rows for later with backoff.
 */
final class OrderPushDelivery {

	const CRON_HOOK = 'cuadra_push_orders';

	/** Orders per claim (the service takes at most 100 per request). */
	const BATCH = 20;

	/** Bytes per request: the service reads bodies up to 1 MiB and answers 413 past that. */
	const BATCH_BYTES = 900000;

	/** Batches per cron run. */
	const BATCHES_PER_RUN = 10;

	/** Seconds one request may take. */
	const TIMEOUT = 15;

	/**
	 * How long a claim holds its rows. It is renewed before every request, so it only has to cover one
	 * request and the work around it, however many requests a split batch needs.
	 */
	const LEASE_SECONDS = 120;

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
	 * Hooks the cron event.
	 */
	public function register() {
		add_action( self::CRON_HOOK, array( $this, 'run_cron' ) );
	}

	/**
	 * The identity the plugin pushes orders as: it may only do what orders need.
	 *
	 * @return SystemUser
	 */
	public static function pusher() {
		return new SystemUser( 'cuadra-woocommerce', array( Capabilities::BILLING ) );
	}

	/**
	 * Cron: pushes what is due, then schedules the next run while anything waits.
	 */
	public function run_cron() {
		for ( $i = 0; $i < self::BATCHES_PER_RUN; $i++ ) {
			$outcome = $this->deliver_batch();
			if ( 'empty' === $outcome || 'unreachable' === $outcome ) {
				break;
			}
		}
		self::schedule_next();
	}

	/**
	 * Makes sure a cron run comes soon, and asks WordPress to start it now rather than on the next page load.
	 */
	public static function spawn() {
		if ( false === wp_next_scheduled( self::CRON_HOOK ) ) {
			wp_schedule_single_event( time(), self::CRON_HOOK );
		}
		if ( ! ( defined( 'DISABLE_WP_CRON' ) && DISABLE_WP_CRON ) && ! wp_doing_cron() ) {
			spawn_cron();
		}
	}

	/**
	 * One batch of due orders.
	 *
	 * @return string delivered, partial, unreachable (will retry) or empty.
	 */
	public function deliver_batch() {
		$store_id = SameSiteStore::store_id();
		if ( ! $store_id ) {
			return 'empty';
		}
		$claim = OrderPushQueue::claim_due( self::BATCH, time() + self::LEASE_SECONDS );
		$lease = $claim['lease'];
		if ( ! $claim['rows'] ) {
			return 'empty';
		}
		$orders   = array();
		$attempts = array();
		$gone     = array();
		foreach ( $claim['rows'] as $row ) {
			$order_id              = (int) $row->order_id;
			$attempts[ $order_id ] = (int) $row->attempts + 1;
			$payload               = OrderPayload::for_order( $order_id );
			if ( is_wp_error( $payload ) ) {
				$this->retry_later( array( $order_id => $attempts[ $order_id ] ), $lease, $payload->get_error_message() );
				continue;
			}
			if ( null === $payload ) {
				$gone[] = $order_id; // Deleted, or not an order: nothing to push.
				continue;
			}
			$json = wp_json_encode( $payload, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_PRESERVE_ZERO_FRACTION );
			if ( false === $json ) {
				$this->fail( $order_id, $attempts[ $order_id ], $lease, 'The order could not be written as JSON.' );
				continue;
			}
			$orders[ $order_id ] = $json;
		}
		OrderPushQueue::remove_delivered( $gone, $lease );
		if ( ! $orders ) {
			return 'delivered';
		}
		$worst  = 'delivered';
		$chunks = self::chunks_by_bytes( $orders, self::BATCH_BYTES );
		foreach ( $chunks as $index => $chunk ) {
			$outcome = $this->push( $store_id, $chunk, $attempts, $lease );
			if ( 'unreachable' === $outcome ) {
				// The rows not yet sent wait with the same backoff: the rest would fail the same way.
				foreach ( array_slice( $chunks, $index + 1 ) as $rest ) {
					$this->retry_later( array_intersect_key( $attempts, $rest ), $lease, 'not sent: the service was unreachable for an earlier batch' );
				}
				return 'unreachable';
			}
			$worst = 'delivered' === $outcome ? $worst : 'partial';
		}
		return $worst;
	}

	/**
	 * Splits orders into groups whose request body stays within $max_bytes (an order larger than that
	 * goes alone: the service decides).
	 *
	 * @param array<int, string> $orders    Order id => JSON.
	 * @param int                $max_bytes Bytes per request.
	 * @return array<int, array<int, string>> Groups of order id => JSON, in order.
	 */
	public static function chunks_by_bytes( array $orders, $max_bytes ) {
		$chunks = array();
		$chunk  = array();
		$bytes  = strlen( '{"orders":[]}' );
		foreach ( $orders as $order_id => $json ) {
			if ( $chunk && $bytes + strlen( $json ) + 1 > $max_bytes ) {
				$chunks[] = $chunk;
				$chunk    = array();
				$bytes    = strlen( '{"orders":[]}' );
			}
			$chunk[ $order_id ] = $json;
			$bytes             += strlen( $json ) + 1;
		}
		if ( $chunk ) {
			$chunks[] = $chunk;
		}
		return $chunks;
	}

	/**
	 * Sends orders; on a 422 or 413 for several, sends each alone so one bad (or huge) order does not
	 * hold back the others.
	 *
	 * @param int                $store_id The same-site store.
	 * @param array<int, string> $orders   Order id => REST v3 JSON, encoded.
	 * @param array<int, int>    $attempts Order id => attempt number.
	 * @param string             $lease    The attempt's lease.
	 * @return string delivered, partial or unreachable.
	 */
	private function push( $store_id, array $orders, array $attempts, $lease ) {
		// Each request gets a full lease, so another cron run cannot take these rows while a split batch is still being sent.
		OrderPushQueue::renew_lease( $lease, time() + self::LEASE_SECONDS );
		// The orders are already JSON: joined, not decoded and encoded again.
		$body     = '{"orders":[' . implode( ',', $orders ) . ']}';
		$response = $this->client->request( 'POST', '/stores/' . (int) $store_id . '/orders/push', '', $body, self::TIMEOUT, self::pusher() );
		$ids      = array_keys( $orders );

		if ( is_wp_error( $response ) ) {
			$this->retry_later( array_intersect_key( $attempts, $orders ), $lease, $response->get_error_code() . ': ' . $response->get_error_message() );
			return 'unreachable';
		}
		$status = (int) $response['status'];
		if ( $status >= 200 && $status < 300 ) {
			OrderPushQueue::remove_delivered( $ids, $lease );
			SameSiteStore::record_push();
			return 'delivered';
		}
		$answer = json_decode( $response['body'], true );
		if ( 404 === $status && isset( $answer['errors'][0]['code'] ) && 'NOT_FOUND' === $answer['errors'][0]['code'] ) {
			// The store was removed in Cuadra: stop pushing to it until someone connects again.
			SameSiteStore::disconnect();
			return 'unreachable';
		}
		$refused = 422 === $status || 413 === $status;
		if ( $refused && count( $orders ) > 1 ) {
			$worst = 'delivered';
			foreach ( $orders as $order_id => $order ) {
				$one = $this->push( $store_id, array( $order_id => $order ), $attempts, $lease );
				if ( 'unreachable' === $one ) {
					return 'unreachable';
				}
				$worst = 'delivered' === $one ? $worst : 'partial';
			}
			return $worst;
		}
		if ( $refused ) {
			$order_id = (int) $ids[0];
			$reason   = RetrySchedule::describe_rejection( isset( $answer['errors'] ) ? $answer['errors'] : null, (string) $response['body'] );
			if ( 413 === $status ) {
				/* translators: 1: size of the order in bytes, 2: the service's answer. */
				$reason = sprintf( __( 'The order is too large for Cuadra (%1$d bytes as JSON): %2$s', 'cuadra' ), strlen( $orders[ $order_id ] ), $reason );
			}
			$this->fail( $order_id, $attempts[ $order_id ], $lease, $reason );
			error_log( sprintf( 'Cuadra: the service refused WooCommerce order %d (HTTP %d); kept as failed until the order changes.', $order_id, $status ) ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log
			return 'partial';
		}
		$this->retry_later( array_intersect_key( $attempts, $orders ), $lease, sprintf( 'HTTP %d: %s', $status, substr( (string) $response['body'], 0, 500 ) ) );
		return 'unreachable';
	}

	/**
	 * Keeps one order as failed with the reason, until it changes again.
	 *
	 * @param int    $order_id Order id.
	 * @param int    $attempts Attempts made so far.
	 * @param string $lease    The attempt's lease.
	 * @param string $reason   Why.
	 */
	private function fail( $order_id, $attempts, $lease, $reason ) {
		OrderPushQueue::update(
			$order_id,
			$lease,
			array(
				'status'     => OrderPushQueue::FAILED,
				'attempts'   => $attempts,
				'last_error' => substr( $reason, 0, 1000 ),
				'lease'      => '',
			)
		);
	}

	/**
	 * Keeps rows queued with a later next attempt; they leave the attempt's lease, so renewing it does
	 * not bring them forward.
	 *
	 * @param array<int, int> $attempts Order id => attempts made so far.
	 * @param string          $lease    The attempt's lease.
	 * @param string          $reason   What went wrong.
	 */
	private function retry_later( array $attempts, $lease, $reason ) {
		foreach ( $attempts as $order_id => $count ) {
			OrderPushQueue::update(
				$order_id,
				$lease,
				array(
					'attempts'        => $count,
					'next_attempt_at' => gmdate( 'Y-m-d H:i:s', time() + RetrySchedule::backoff_seconds( $count ) ),
					'last_error'      => substr( $reason, 0, 1000 ),
					'lease'           => '',
				)
			);
		}
	}

	/**
	 * Schedules one cron run at the earliest due time while rows wait; none when the queue is empty.
	 */
	public static function schedule_next() {
		RetrySchedule::schedule_next( self::CRON_HOOK, OrderPushQueue::next_due_time() );
	}
}
