// This site's WooCommerce as a store, end to end (faked WooCommerce): WordPress + the Cuadra plugin +
// the service on MariaDB, driven through Chromium. WooCommerce cannot be installed here, so a
// must-use plugin written by this test stands in for it: the class names and functions the plugin
// calls (WooCommerce, wc_get_order, WC_Order, wc_get_orders with HPOS's field_query,
// WC_REST_Orders_Controller, WC_REST_Order_Refunds_Controller, OrderUtil) answer with the real
// fixtures' REST v3 JSON, and order changes fire WooCommerce's real hook names.
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, request as httpRequest, type Server } from 'node:http';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import {
  clickButton,
  freePort,
  launchBrowser,
  loginToWordPress,
  requireAll,
  requirements,
  startStack,
  testWithScreenshots,
  waitForText,
  watchPage,
  type PageWatcher,
  type RunningStack,
  type TestBrowser,
} from '../harness';
import { WOOCOMMERCE_FIXTURES_DIR } from '../harness/woocommerce-store';

const SEEDED = {
  26: 'order_company_nif_26.json',
  27: 'order_cod_fee_27.json',
  35: 'order_with_partial_refund_35.json',
  39: 'order_two_coupons_39.json',
} as const;
/** Order 35's refunds as the real store listed them (GET /orders/35/refunds). */
const REFUNDS_OF_35 = 'order_35_refunds.json';

/** The stand-in for WooCommerce: orders live in an option, seeded from the fixtures. */
const FAKE_WOOCOMMERCE = String.raw`<?php
/**
 * Plugin Name: Fake WooCommerce (Cuadra test)
 */
class WooCommerce {}

define( 'WC_VERSION', '8.9.0' );

class WC_Order {
	private $data;
	public function __construct( array $data ) { $this->data = $data; }
	public function get_id() { return (int) $this->data['id']; }
	public function get_type() { return 'shop_order'; }
	public function get_status() { return $this->data['status']; }
	public function get_data() { return $this->data; }
	public function get_refunds() {
		$all = get_option( 'fake_wc_refunds', array() );
		$id  = $this->get_id();
		return array_map(
			function ( $refund ) use ( $id ) { return new WC_Order_Refund( $refund, $id ); },
			isset( $all[ $id ] ) ? $all[ $id ] : array()
		);
	}
}

class WC_Order_Refund {
	private $data;
	private $parent;
	public function __construct( array $data, $parent ) { $this->data = $data; $this->parent = (int) $parent; }
	public function get_id() { return (int) $this->data['id']; }
	public function get_parent_id() { return $this->parent; }
	public function get_data() { return $this->data; }
}

class WC_REST_Orders_Controller {
	public function prepare_object_for_response( $order, $request ) {
		update_option( 'fake_wc_last_dp', $request['dp'] );
		return new WP_REST_Response( $order->get_data() );
	}
}

/** Like WooCommerce's: the request names the parent order, which must be the refund's. */
class WC_REST_Order_Refunds_Controller {
	public function prepare_object_for_response( $refund, $request ) {
		update_option( 'fake_wc_last_refund_dp', $request['dp'] );
		if ( (int) $request['order_id'] !== $refund->get_parent_id() ) {
			return new WP_Error( 'woocommerce_rest_invalid_order_refund_id', 'Invalid order refund ID.', array( 'status' => 404 ) );
		}
		return new WP_REST_Response( $refund->get_data() );
	}
}

function fake_wc_orders() {
	$orders = get_option( 'fake_wc_orders', array() );
	return is_array( $orders ) ? $orders : array();
}

function wc_get_order( $id ) {
	$orders = fake_wc_orders();
	return isset( $orders[ (int) $id ] ) ? new WC_Order( $orders[ (int) $id ] ) : false;
}

function wc_get_order_statuses() {
	return array( 'wc-pending' => 'Pending', 'wc-processing' => 'Processing', 'wc-on-hold' => 'On hold', 'wc-completed' => 'Completed', 'wc-cancelled' => 'Cancelled', 'wc-refunded' => 'Refunded', 'wc-failed' => 'Failed' );
}

/** Ids only, by id ascending; HPOS's field_query "id >" and the page number as WooCommerce reads them. */
function wc_get_orders( $args ) {
	$ids = array_keys( fake_wc_orders() );
	sort( $ids );
	$above = 0;
	foreach ( isset( $args['field_query'] ) ? $args['field_query'] : array() as $clause ) {
		if ( is_array( $clause ) && 'id' === $clause['field'] && '>' === $clause['compare'] ) {
			$above = (int) $clause['value'];
		}
	}
	$ids    = array_values( array_filter( $ids, function ( $id ) use ( $above ) { return $id > $above; } ) );
	$offset = ( max( 1, isset( $args['page'] ) ? (int) $args['page'] : 1 ) - 1 ) * (int) $args['limit'];
	$answer = array_slice( $ids, $offset, (int) $args['limit'] );
	// A shop at work: an order is deleted while a backfill reads its pages.
	$delete = (int) get_option( 'fake_wc_delete_after_answer', 0 );
	if ( $delete && $answer ) {
		$orders = fake_wc_orders();
		unset( $orders[ $delete ] );
		update_option( 'fake_wc_orders', $orders, false );
		delete_option( 'fake_wc_delete_after_answer' );
	}
	return $answer;
}

/** What WooCommerce does when an order's status changes: save, then the hooks. */
function fake_wc_set_status( $id, $to ) {
	$orders = fake_wc_orders();
	$from   = $orders[ $id ]['status'];
	$orders[ $id ]['status']            = $to;
	$orders[ $id ]['date_modified_gmt'] = gmdate( 'Y-m-d\TH:i:s' );
	update_option( 'fake_wc_orders', $orders, false );
	$order = wc_get_order( $id );
	do_action( 'woocommerce_update_order', $id, $order );
	do_action( 'woocommerce_order_status_' . $to, $id, $order );
	do_action( 'woocommerce_order_status_changed', $id, $from, $to, $order );
}
`;

/** WooCommerce's HPOS switch (orders in their own tables: the backfill bounds ids with field_query). */
const FAKE_ORDER_UTIL = String.raw`<?php
namespace Automattic\WooCommerce\Utilities;

class OrderUtil {
	public static function custom_orders_table_usage_is_enabled() { return true; }
}
`;

/** In front of the service: forwards every request unchanged and can refuse connections like a stopped service. */
class ServiceSwitch {
  server: Server | undefined;
  port = 0;
  /** Every request forwarded: its size and the service's answer. */
  readonly requests: { method: string; path: string; bytes: number; status: number }[] = [];

  constructor(private readonly target: string) {}

  async up(): Promise<void> {
    if (!this.port) this.port = await freePort();
    const target = new URL(this.target);
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const forward = httpRequest(
          { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
          (answer) => {
            this.requests.push({ method: req.method ?? '', path: req.url ?? '', bytes: body.length, status: answer.statusCode ?? 0 });
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        forward.on('error', () => res.writeHead(502).end());
        forward.end(body);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

interface OrderItem {
  id: number;
  woo_id: number;
  number: string;
  status: string;
  sources: string[];
  provisional: boolean;
}

requireAll(
  requirements.php,
  requirements.wordpress,
  requirements.mariadb,
  requirements.chromium,
  requirements.serviceBuild,
  requirements.pluginBuild,
).describe("this site's WooCommerce as a store, pushed by WordPress (faked WooCommerce)", () => {
  let stack: RunningStack;
  let browser: TestBrowser;
  let serviceSwitch: ServiceSwitch;
  let admin: Page;
  let watch: PageWatcher;
  let session: Awaited<ReturnType<RunningStack['wordpress']['restSession']>>;
  const step = testWithScreenshots(() => [admin], { stopAfterFailure: true });
  const wp = () => stack.wordpress;
  const adminUrl = (query: string) => `${wp().url}/wp-admin/admin.php?${query}`;

  const orders = async (): Promise<OrderItem[]> => {
    const res = await session.fetch('/wp-json/cuadra/v1/orders?per_page=100');
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: OrderItem[] }).items;
  };
  /** What a system cron calling wp-cron.php does (the harness turns WP-Cron's page-load spawning off). */
  const runCron = async () => {
    const res = await fetch(`${wp().url}/wp-cron.php`);
    expect(res.status).toBe(200);
  };
  const queueRows = () =>
    wp().phpJson<{ order_id: string; status: string; attempts: string }[]>(
      "global $wpdb; return $wpdb->get_results( 'SELECT order_id, status, attempts FROM ' . $wpdb->prefix . 'cuadra_order_push ORDER BY order_id', ARRAY_A );",
    );
  const cronUntil = async <T>(check: () => Promise<T | false>, timeoutMs = 30000): Promise<T> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      await runCron();
      const result = await check();
      if (result !== false) return result;
      if (Date.now() > until) throw new Error('cron did not get there in time');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  };

  beforeAll(async () => {
    const secret = 'same-site-e2e-secret-0123456789abcdef';
    const port = await freePort();
    serviceSwitch = new ServiceSwitch(`http://127.0.0.1:${port}`);
    await serviceSwitch.up();
    [stack, browser] = await Promise.all([
      startStack({
        db: 'mariadb',
        connect: 'none',
        secret,
        service: { port },
        wordpress: { constants: { CUADRA_SERVICE_URL: `http://127.0.0.1:${serviceSwitch.port}`, CUADRA_SECRET: secret } },
      }),
      launchBrowser(),
    ]);
    await writeFile(path.join(stack.wordpress.dir, 'wp-content', 'mu-plugins', 'fake-woocommerce.php'), FAKE_WOOCOMMERCE);
    await writeFile(path.join(stack.wordpress.dir, 'wp-content', 'mu-plugins', 'fake-woocommerce-hpos.php'), FAKE_ORDER_UTIL);
    const seeds = Object.entries(SEEDED)
      .map(
        ([id, file]) =>
          `${id} => json_decode( file_get_contents( ${JSON.stringify(path.join(WOOCOMMERCE_FIXTURES_DIR, 'api', file))} ), true )`,
      )
      .join(', ');
    await stack.wordpress.phpEval(
      `update_option( 'fake_wc_orders', array( ${seeds} ), false );` +
        ` update_option( 'fake_wc_refunds', array( 35 => json_decode( file_get_contents( ${JSON.stringify(
          path.join(WOOCOMMERCE_FIXTURES_DIR, 'api', REFUNDS_OF_35),
        )} ), true ) ), false );`,
    );
    admin = await browser.newPage();
    watch = watchPage(admin);
  }, 180000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await serviceSwitch?.down();
  }, 60000);

  step('Cuadra → Orders → Stores offers this site’s WooCommerce; one click connects it', async () => {
    session = await wp().restSession(wp().adminUser, wp().adminPassword);
    // Connecting needs cuadra_manage, and a cookie without the REST nonce is nobody.
    const subscriber = await wp().createUser('suscriptor', 'subscriber');
    const other = await wp().restSession(subscriber.login, subscriber.password);
    expect((await other.fetch('/wp-json/cuadra/v1/same-site-store', { method: 'POST' })).status).toBe(403);
    const noNonce = await fetch(`${wp().url}/wp-json/cuadra/v1/same-site-store`, { method: 'POST', headers: { Cookie: session.cookie } });
    expect(noNonce.status).toBe(401);
    expect(await wp().phpJson<number>("return (int) get_option( 'cuadra_same_site_store_id' );")).toBe(0);
    await loginToWordPress(admin, wp(), wp().adminUser, wp().adminPassword);
    await admin.goto(adminUrl('page=cuadra-orders&view=stores'), { waitUntil: 'domcontentloaded' });
    expect(await admin.$eval('#cuadra-orders-root', (e) => (e as HTMLElement).dataset.woocommerceActive)).toBe('1');
    await clickButton(admin, "Connect this site's WooCommerce");
    await waitForText(admin, /^Connected: WordPress pushes the orders of this site to Cuadra when they change\.$/);
    await admin.waitForSelector('.cuadra-store-card');

    const stores = await (await session.fetch('/wp-json/cuadra/v1/stores')).json();
    expect(stores.items).toEqual([expect.objectContaining({ kind: 'same_site', consumer_key_set: false })]);
    const storeId = await wp().phpJson<number>("return (int) get_option( 'cuadra_same_site_store_id' );");
    expect(storeId).toBe(stores.items[0].id);
    // The button is gone: a second store of this site cannot be made.
    expect(await admin.$$eval('button', (buttons) => buttons.some((b) => b.textContent === "Connect this site's WooCommerce"))).toBe(false);
    expect(watch.consoleErrors).toEqual([]);
  });

  step('the existing orders are pushed by cron (backfill), with the decimals the sync asks for', async () => {
    const pushed = await cronUntil(async () => {
      const items = await orders();
      return items.length === 4 ? items : false;
    });
    expect(pushed.map((o) => o.woo_id).sort((a, b) => a - b)).toEqual([26, 27, 35, 39]);
    for (const order of pushed) expect(order).toMatchObject({ sources: ['push'], provisional: false });
    expect(await wp().phpJson<number>("return (int) get_option( 'fake_wc_last_dp' );")).toBe(6);
    // Order 35's refunds went along, read by WooCommerce's refunds controller with the same decimals.
    expect(await wp().phpJson<number>("return (int) get_option( 'fake_wc_last_refund_dp' );")).toBe(6);
    // …and Cuadra lists them with their dates without asking any store (it has no keys for this one).
    const order35 = pushed.find((o) => o.woo_id === 35)!;
    const refunds = await session.fetch(`/wp-json/cuadra/v1/orders/${order35.id}/refunds`);
    expect(refunds.status).toBe(200);
    expect(await refunds.json()).toEqual({
      items: [{ id: 36, reason: 'Cojín llegó dañado', amount: 2995, created_at: '2026-11-08T22:51:22Z', invoice_id: null }],
      problem: null,
    });
    expect(await queueRows()).toEqual([]);
  });

  step('a status change in WooCommerce reaches Cuadra → Orders with source push', async () => {
    await wp().phpEval("fake_wc_set_status( 26, 'completed' );");
    // Stored before anything else: the row is there before any delivery ran.
    expect((await queueRows()).map((r) => Number(r.order_id))).toEqual([26]);
    await cronUntil(async () => (await orders()).find((o) => o.woo_id === 26 && o.status === 'completed') ?? false);
    const order26 = (await orders()).find((o) => o.woo_id === 26)!;

    await admin.goto(adminUrl(`page=cuadra-orders&order=${order26.id}`), { waitUntil: 'domcontentloaded' });
    await waitForText(admin, new RegExp(`^Order ${order26.number}$`));
    expect(await admin.$$eval('.cuadra-order-source--push', (badges) => badges.length)).toBeGreaterThan(0);
    await admin.goto(adminUrl('page=cuadra-orders&view=stores'), { waitUntil: 'domcontentloaded' });
    await waitForText(admin, /^Last push: /);
    expect(watch.consoleErrors).toEqual([]);
  });

  step('with the service down the change waits in the queue, and is delivered once it is back', async () => {
    await serviceSwitch.down();
    await wp().phpEval("fake_wc_set_status( 27, 'on-hold' );");
    await runCron();
    const waiting = await queueRows();
    expect(waiting).toEqual([expect.objectContaining({ order_id: '27', status: 'queued', attempts: '1' })]);
    await serviceSwitch.up();
    // Nothing goes before the backoff ends; then the next cron run delivers.
    await runCron();
    expect((await queueRows()).length).toBe(1);
    expect((await orders()).find((o) => o.woo_id === 27)!.status).toBe('completed');
    // As if the minute of backoff had passed: the row and the cron event that comes for it are due now.
    const retryAt = await wp().phpJson<number>("return wp_next_scheduled( 'cuadra_push_orders' );");
    expect(retryAt).toBeGreaterThan(Date.now() / 1000 + 30);
    await wp().phpEval(
      'global $wpdb; $wpdb->query( "UPDATE {$wpdb->prefix}cuadra_order_push SET next_attempt_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND" );' +
        " wp_clear_scheduled_hook( 'cuadra_push_orders' ); wp_schedule_single_event( time() - 1, 'cuadra_push_orders' );",
    );
    await cronUntil(async () => (await orders()).find((o) => o.woo_id === 27 && o.status === 'on-hold') ?? false);
    expect(await queueRows()).toEqual([]);
    expect(wp().pluginProblems()).toEqual([]);
  });

  step('WordPress that lost its store id (or never heard back) connects again to the same store', async () => {
    const storeId = await wp().phpJson<number>("return (int) get_option( 'cuadra_same_site_store_id' );");
    const before = await orders();
    // As after a timeout on the first connect, or a restored backup: the service has the store, WordPress does not know it.
    await wp().phpEval("delete_option( 'cuadra_same_site_store_id' ); delete_option( 'cuadra_same_site_backfill' );");
    await admin.goto(adminUrl('page=cuadra-orders&view=stores'), { waitUntil: 'domcontentloaded' });
    await clickButton(admin, "Connect this site's WooCommerce");
    await waitForText(admin, /^Connected: WordPress pushes the orders of this site to Cuadra when they change\.$/);
    expect(await wp().phpJson<number>("return (int) get_option( 'cuadra_same_site_store_id' );")).toBe(storeId);
    const stores = await (await session.fetch('/wp-json/cuadra/v1/stores')).json();
    expect(stores.items).toEqual([expect.objectContaining({ id: storeId, kind: 'same_site' })]);
    // The orders are pushed again to the same store: still one row each.
    await cronUntil(async () => ((await queueRows()).length === 0 ? true : false));
    const after = await orders();
    expect(after.map((o) => [o.id, o.woo_id]).sort()).toEqual(before.map((o) => [o.id, o.woo_id]).sort());
    expect(watch.consoleErrors).toEqual([]);
  });

  step('orders are sent in requests under 1 MiB; one order too large alone is kept as failed with the reason', async () => {
    const from = serviceSwitch.requests.length;
    // Three orders of ~400 kB (any two fill a request) and one of ~1.2 MB (more than the service reads).
    await wp().phpEval(`
      $orders = fake_wc_orders();
      foreach ( array( 2001 => 400000, 2002 => 400000, 2003 => 400000, 2004 => 1200000 ) as $id => $bytes ) {
        $order = $orders[26];
        $order['id'] = $id;
        $order['number'] = (string) $id;
        $order['meta_data'][] = array( 'id' => $id, 'key' => '_fake_padding', 'value' => str_repeat( 'x', $bytes ) );
        $orders[ $id ] = $order;
      }
      update_option( 'fake_wc_orders', $orders, false );
      foreach ( array( 2001, 2002, 2003, 2004 ) as $id ) {
        do_action( 'woocommerce_new_order', $id, wc_get_order( $id ) );
      }`);
    await cronUntil(async () => {
      const ids = (await orders()).map((o) => o.woo_id);
      return [2001, 2002, 2003].every((id) => ids.includes(id)) ? true : false;
    });
    const rows = await wp().phpJson<{ order_id: string; status: string; last_error: string }[]>(
      "global $wpdb; return $wpdb->get_results( 'SELECT order_id, status, last_error FROM ' . $wpdb->prefix . 'cuadra_order_push ORDER BY order_id', ARRAY_A );",
    );
    expect(rows).toEqual([{ order_id: '2004', status: 'failed', last_error: expect.stringMatching(/too large for Cuadra \(\d+ bytes/) }]);
    expect((await orders()).some((o) => o.woo_id === 2004)).toBe(false);
    const pushes = serviceSwitch.requests.slice(from).filter((r) => r.path.endsWith('/orders/push'));
    // Never a request over the batch size, except the one order that is larger alone (refused once, not retried).
    expect(pushes.filter((r) => r.status === 200).every((r) => r.bytes <= 900000)).toBe(true);
    expect(pushes.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(2);
    expect(pushes.filter((r) => r.status !== 200)).toEqual([expect.objectContaining({ status: 413 })]);
    expect(pushes.find((r) => r.status === 413)!.bytes).toBeGreaterThan(1024 * 1024);
    await admin.goto(adminUrl('page=cuadra-orders&view=stores'), { waitUntil: 'domcontentloaded' });
    await admin.waitForSelector('.cuadra-same-site-store__failed');
    // It stays failed: later runs do not send it again.
    await runCron();
    expect(serviceSwitch.requests.slice(from).filter((r) => r.status === 413)).toHaveLength(1);
  });

  step('the backfill pages by order id: an order deleted meanwhile does not hide another', async () => {
    // 150 more orders (two pages); after the first page is read, an order on it is deleted.
    const queued = await wp().phpJson<number[]>(`
      global $wpdb;
      $orders = fake_wc_orders();
      for ( $id = 3000; $id < 3150; $id++ ) {
        $order = $orders[27];
        $order['id'] = $id;
        $order['number'] = (string) $id;
        $orders[ $id ] = $order;
      }
      update_option( 'fake_wc_orders', $orders, false );
      update_option( 'fake_wc_delete_after_answer', 3010, false );
      $wpdb->query( 'DELETE FROM ' . \\Cuadra\\Woo\\OrderPushQueue::table() );
      update_option( \\Cuadra\\Woo\\OrderBackfill::OPTION, array( 'state' => 'running', 'last_id' => 0, 'page' => 1, 'queued' => 0 ), false );
      ( new \\Cuadra\\Woo\\OrderBackfill() )->run_cron();
      return array_map( 'intval', $wpdb->get_col( 'SELECT order_id FROM ' . \\Cuadra\\Woo\\OrderPushQueue::table() . ' ORDER BY order_id' ) );`);
    const existing = await wp().phpJson<number[]>('return array_keys( fake_wc_orders() );');
    expect(existing).not.toContain(3010);
    // Every order there is, and 3010 (queued before it went; its push finds it gone): none skipped.
    expect(queued).toEqual([...existing, 3010].sort((a, b) => a - b));
    expect(await wp().phpJson<{ state: string; last_id: number }>('return \\Cuadra\\Woo\\OrderBackfill::progress();')).toMatchObject({
      state: 'done',
      last_id: 3149,
    });

    // With orders stored as posts the same bound reaches WP_Query through the plugin's posts_where filter.
    const posts = await wp().phpJson<{ made: number[]; found: number[] }>(`
      $made = array();
      for ( $i = 0; $i < 3; $i++ ) {
        $made[] = wp_insert_post( array( 'post_title' => 'Bound ' . $i, 'post_status' => 'publish', 'post_type' => 'post' ) );
      }
      $query = new WP_Query( array( 'post_type' => 'post', 'fields' => 'ids', 'orderby' => 'ID', 'order' => 'ASC', 'posts_per_page' => -1, \\Cuadra\\Woo\\OrderBackfill::ID_ABOVE_VAR => $made[0] ) );
      return array( 'made' => $made, 'found' => array_map( 'intval', $query->posts ) );`);
    expect(posts.found).toEqual(posts.made.slice(1));

    // Tidy up: the extra orders are not pushed.
    await wp().phpEval(`
      global $wpdb;
      $orders = fake_wc_orders();
      for ( $id = 3000; $id < 3150; $id++ ) { unset( $orders[ $id ] ); }
      update_option( 'fake_wc_orders', $orders, false );
      $wpdb->query( 'DELETE FROM ' . \\Cuadra\\Woo\\OrderPushQueue::table() . ' WHERE order_id >= 3000' );`);
  });

  step('a claim renewed before each request keeps its rows; a row already settled is not pulled forward', async () => {
    const rows = await wp().phpJson<Record<string, number>>(`
      global $wpdb;
      $table = \\Cuadra\\Woo\\OrderPushQueue::table();
      $wpdb->query( "DELETE FROM $table" );
      \\Cuadra\\Woo\\OrderPushQueue::enqueue( array( 26, 27 ) );
      $claim = \\Cuadra\\Woo\\OrderPushQueue::claim_due( 2, time() + 5 );
      // 27 was given up for later by this attempt (as after an unreachable service).
      \\Cuadra\\Woo\\OrderPushQueue::update( 27, $claim['lease'], array( 'next_attempt_at' => gmdate( 'Y-m-d H:i:s', time() + 3600 ), 'lease' => '' ) );
      \\Cuadra\\Woo\\OrderPushQueue::renew_lease( $claim['lease'], time() + 600 );
      $again = \\Cuadra\\Woo\\OrderPushQueue::claim_due( 2, time() + 5 );
      $due   = $wpdb->get_results( "SELECT order_id, next_attempt_at FROM $table ORDER BY order_id", OBJECT_K );
      $wpdb->query( "DELETE FROM $table" );
      return array(
        'claimed'   => count( $claim['rows'] ),
        'reclaimed' => count( $again['rows'] ),
        'due_26'    => strtotime( $due[26]->next_attempt_at . ' UTC' ) - time(),
        'due_27'    => strtotime( $due[27]->next_attempt_at . ' UTC' ) - time(),
      );`);
    expect(rows.claimed).toBe(2);
    expect(rows.reclaimed).toBe(0);
    expect(rows.due_26).toBeGreaterThan(590);
    expect(rows.due_26).toBeLessThanOrEqual(600);
    expect(rows.due_27).toBeGreaterThan(3500);
  });

  step('a change that cannot be queued is logged (order id only, no customer data)', async () => {
    const mark = wp().debugLogMark();
    await wp().phpEval(`
      global $wpdb;
      $table = \\Cuadra\\Woo\\OrderPushQueue::table();
      $wpdb->query( "RENAME TABLE $table TO {$table}_away" );
      fake_wc_set_status( 39, 'completed' );
      $wpdb->query( "RENAME TABLE {$table}_away TO $table" );`);
    const log = wp().debugLog().slice(mark);
    expect(log).toMatch(/Cuadra: could not queue WooCommerce order 39 for pushing to Cuadra/);
    const order39 = JSON.parse(await readFile(path.join(WOOCOMMERCE_FIXTURES_DIR, 'api', SEEDED[39]), 'utf8')) as {
      billing: { email: string; last_name: string };
    };
    expect(log).not.toContain(order39.billing.email);
    expect(log).not.toContain(order39.billing.last_name);
    expect(await queueRows()).toEqual([]);
    expect(wp().pluginProblems()).toEqual([]);
  });
});
