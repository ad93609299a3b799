<?php
/**
 * After connecting, queues every existing order for a push, a page per cron run.
 *
 * @package Cuadra
 */

namespace Cuadra\Woo;

defined( 'ABSPATH' ) || exit;

/**
 * Pages through the orders by id: each page asks for ids above the last one reached, which is saved
 * after each page, so a stopped run resumes there and an order trashed or deleted meanwhile cannot
 * shift a page and hide another (as page numbers would). New orders only add ids at the end. The
 * pushes themselves go through the queue like any other change.
 *
 * The bound goes to WooCommerce as `field_query` with HPOS (WooCommerce 8.2+), and as a query var
 * read by a `posts_where` filter with posts storage (wc_get_orders passes unknown vars to WP_Query).
 */
final class OrderBackfill {

	const CRON_HOOK = 'cuadra_backfill_orders';
	const OPTION    = 'cuadra_same_site_backfill';

	/** The WP_Query var that carries "ids above this one" to the posts_where filter (posts storage). */
	const ID_ABOVE_VAR = 'cuadra_order_id_above';

	/** Order ids per page. */
	const PAGE_SIZE = 100;

	/** Pages per cron run. */
	const PAGES_PER_RUN = 5;

	/**
	 * Hooks the cron event and the id bound for orders stored as posts.
	 */
	public function register() {
		add_action( self::CRON_HOOK, array( $this, 'run_cron' ) );
		add_filter( 'posts_where', array( self::class, 'where_id_above' ), 10, 2 );
	}

	/**
	 * The progress: state idle|running|done, last order id queued, orders queued so far, when it started and finished.
	 *
	 * @return array{state: string, last_id: int, page: int, queued: int, started_at: string|null, finished_at: string|null}
	 */
	public static function progress() {
		$saved = get_option( self::OPTION );
		$base  = array(
			'state'       => 'idle',
			'last_id'     => 0,
			'page'        => 1,
			'queued'      => 0,
			'started_at'  => null,
			'finished_at' => null,
		);
		return is_array( $saved ) ? array_merge( $base, array_intersect_key( $saved, $base ) ) : $base;
	}

	/**
	 * Starts (or restarts) the backfill from the first order.
	 */
	public static function start() {
		update_option(
			self::OPTION,
			array(
				'state'       => 'running',
				'last_id'     => 0,
				'page'        => 1,
				'queued'      => 0,
				'started_at'  => gmdate( 'c' ),
				'finished_at' => null,
			),
			false
		);
		wp_clear_scheduled_hook( self::CRON_HOOK );
		wp_schedule_single_event( time(), self::CRON_HOOK );
		add_action( 'shutdown', array( OrderPushDelivery::class, 'spawn' ) );
	}

	/**
	 * Stops and forgets the backfill.
	 */
	public static function stop() {
		wp_clear_scheduled_hook( self::CRON_HOOK );
		delete_option( self::OPTION );
	}

	/**
	 * Cron: queues a few pages of order ids, then comes back for the rest.
	 */
	public function run_cron() {
		$progress = self::progress();
		if ( 'running' !== $progress['state'] || ! SameSiteStore::is_connected() || ! function_exists( 'wc_get_orders' ) ) {
			return;
		}
		for ( $i = 0; $i < self::PAGES_PER_RUN; $i++ ) {
			$found = wc_get_orders( self::page_query( (int) $progress['last_id'], (int) $progress['page'] ) );
			$found = is_array( $found ) ? array_map( 'intval', $found ) : array();
			// Only ids above the bound count, whatever the storage did with it.
			$ids = array_values(
				array_filter(
					$found,
					static function ( $id ) use ( $progress ) {
						return $id > (int) $progress['last_id'];
					}
				)
			);
			if ( $found && ! $ids ) {
				// The storage ignored the id bound: paging on would read this page forever.
				error_log( 'Cuadra: WooCommerce ignored the order id bound of the backfill; stopped it. Orders still reach Cuadra when they change.' ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log
				$found = array();
			}
			OrderPushQueue::enqueue( $ids );
			$progress['queued'] += count( $ids );
			$progress['last_id'] = $ids ? max( $ids ) : (int) $progress['last_id'];
			++$progress['page'];
			if ( count( $found ) < self::PAGE_SIZE ) {
				$progress['state']       = 'done';
				$progress['finished_at'] = gmdate( 'c' );
			}
			update_option( self::OPTION, $progress, false );
			if ( 'done' === $progress['state'] ) {
				break;
			}
		}
		if ( 'running' === $progress['state'] ) {
			wp_schedule_single_event( time(), self::CRON_HOOK );
		}
		OrderPushDelivery::schedule_next();
	}

	/**
	 * The wc_get_orders arguments for the page after order $last_id.
	 *
	 * @param int $last_id The highest order id queued so far (0 at the start).
	 * @param int $page    Page number, used only where WooCommerce cannot bound by id (HPOS before 8.2).
	 * @return array<string, mixed>
	 */
	public static function page_query( $last_id, $page ) {
		$query = array(
			'type'    => 'shop_order',
			'status'  => array_keys( wc_get_order_statuses() ),
			'limit'   => self::PAGE_SIZE,
			'orderby' => 'ID',
			'order'   => 'ASC',
			'return'  => 'ids',
		);
		if ( ! self::orders_in_custom_tables() ) {
			$query[ self::ID_ABOVE_VAR ] = (int) $last_id;
		} elseif ( defined( 'WC_VERSION' ) && version_compare( WC_VERSION, '8.2', '>=' ) ) {
			$query['field_query'] = array(
				array(
					'field'   => 'id',
					'value'   => (int) $last_id,
					'compare' => '>',
				),
			);
		} else {
			$query['page'] = max( 1, (int) $page );
		}
		return $query;
	}

	/**
	 * Whether WooCommerce keeps orders in its own tables (HPOS) rather than as posts.
	 *
	 * @return bool
	 */
	private static function orders_in_custom_tables() {
		return class_exists( '\Automattic\WooCommerce\Utilities\OrderUtil' )
			&& \Automattic\WooCommerce\Utilities\OrderUtil::custom_orders_table_usage_is_enabled();
	}

	/**
	 * Filter posts_where: "ID above" for the backfill's order queries on posts storage; other queries untouched.
	 *
	 * @param string          $where The WHERE clause.
	 * @param \WP_Query|mixed $query The query.
	 * @return string
	 */
	public static function where_id_above( $where, $query = null ) {
		if ( ! $query instanceof \WP_Query ) {
			return $where;
		}
		$above = $query->get( self::ID_ABOVE_VAR, '' );
		if ( '' === $above || null === $above ) {
			return $where;
		}
		global $wpdb;
		return $where . $wpdb->prepare( " AND {$wpdb->posts}.ID > %d", (int) $above );
	}
}
