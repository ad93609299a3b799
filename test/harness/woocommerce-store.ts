// A WooCommerce-compatible REST server for tests and benchmarks: /wp-json/wc/v3/orders with
// WooCommerce's paging, filters, search, headers and authentication (Basic auth or consumer keys over HTTPS,
// one-legged OAuth 1.0a HMAC-SHA1/SHA256 over plain HTTP, verified for real), serving the real
// fixtures' shapes, able to generate N orders, to change orders between pages and to misbehave.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** The real WooCommerce responses, copied into test/fixtures/woocommerce from shared/fixtures; WOO_FIXTURES_DIR overrides. */
export const WOOCOMMERCE_FIXTURES_DIR =
  process.env.WOO_FIXTURES_DIR ??
  [
    path.resolve(__dirname, '..', 'fixtures', 'woocommerce'),
    path.resolve(__dirname, '..', '..', '..', 'shared', 'fixtures', 'woocommerce'),
  ].find((d) => fs.existsSync(path.join(d, 'api'))) ??
  path.resolve(__dirname, '..', '..', '..', 'shared', 'fixtures', 'woocommerce');

export type WooJson = Record<string, unknown> & { id: number };

export function readWooFixture<T = unknown>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(WOOCOMMERCE_FIXTURES_DIR, 'api', name), 'utf8')) as T;
}

/** The 25 real orders of the fixture store, oldest first. */
export function fixtureOrders(): WooJson[] {
  return readWooFixture<WooJson[]>('orders_all.json').sort((a, b) => a.id - b.id);
}

/**
 * N valid orders cloned round-robin from the fixture orders: ids and numbers from `firstId`, one
 * every `stepSeconds` from `start`, unique item ids and order keys. Totals stay those of the source.
 * `numberOf` gives display numbers that differ from the ids, as a sequential-numbers plugin does
 * (see sequentialNumber).
 */
export function syntheticOrders(
  count: number,
  options: {
    firstId?: number;
    start?: string;
    stepSeconds?: number;
    numberPrefix?: string;
    numberOf?: (id: number, index: number) => string;
  } = {},
): WooJson[] {
  const templates = fixtureOrders();
  const firstId = options.firstId ?? 1000;
  const start = Date.parse(`${options.start ?? '2026-01-01T00:00:00'}Z`);
  const step = (options.stepSeconds ?? 60) * 1000;
  const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 19);
  let itemId = firstId * 10;
  return Array.from({ length: count }, (_, i) => {
    const order = structuredClone(templates[i % templates.length]!) as WooJson & Record<string, unknown>;
    const id = firstId + i;
    const created = start + i * step;
    order.id = id;
    order.number = options.numberOf ? options.numberOf(id, i) : `${options.numberPrefix ?? ''}${id}`;
    if (options.numberOf) withSequentialNumber(order, String(order.number));
    order.order_key = `wc_order_${crypto.createHash('sha1').update(String(id)).digest('hex').slice(0, 13)}`;
    order.date_created_gmt = stamp(created);
    order.date_modified_gmt = stamp(created + 60_000);
    order.date_created = stamp(created + 3_600_000); // Europe/Madrid in winter
    order.date_modified = stamp(created + 3_660_000);
    for (const key of ['line_items', 'shipping_lines', 'fee_lines', 'coupon_lines', 'tax_lines'] as const) {
      for (const line of (order[key] as { id: number }[] | undefined) ?? []) line.id = itemId++;
    }
    order.refunds = [];
    return order;
  });
}

/**
 * The order as a sequential-numbers plugin (e.g. "Sequential Order Numbers") leaves it: `number` is
 * the plugin's ("2026-0042"), kept in the order meta that WooCommerce's order search then looks in.
 */
export function withSequentialNumber<T extends WooJson>(order: T, number: string): T {
  const meta = ((order.meta_data as { id?: number; key: string; value: unknown }[] | undefined) ?? []).filter(
    (m) => m.key !== '_order_number' && m.key !== '_order_number_formatted',
  );
  const digits = number.replace(/\D/g, '');
  meta.push({ id: order.id * 10 + 1, key: '_order_number', value: digits ? String(Number(digits)) : number });
  meta.push({ id: order.id * 10 + 2, key: '_order_number_formatted', value: number });
  return Object.assign(order, { number, meta_data: meta });
}

/** "2026-0042": a yearly sequence, as sequential-numbers plugins format it. */
export function sequentialNumber(sequence: number, year = 2026): string {
  return `${year}-${String(sequence).padStart(4, '0')}`;
}

// What WooCommerce's order search (`search=` on /orders, wc_order_search) looks in: the billing and
// shipping address indexes, last name and e-mail, the item names, the meta keys that plugins add
// through woocommerce_shop_order_search_fields (sequential numbers), each with LIKE '%term%'; and a
// numeric term also matches the order with that id — not the display number.
const SEARCHED_META = new Set(['_order_number', '_order_number_formatted']);
function matchesSearch(order: WooJson, term: string): boolean {
  if (/^\d+$/.test(term) && Number(term) === order.id) return true;
  const needle = term.toLowerCase();
  const address = (a: unknown) => Object.values((a as Record<string, unknown> | undefined) ?? {}).join(' ');
  const haystack = [
    address(order.billing),
    address(order.shipping),
    ...((order.line_items as { name?: unknown }[] | undefined) ?? []).map((l) => l.name),
    ...((order.meta_data as { key: string; value: unknown }[] | undefined) ?? [])
      .filter((m) => SEARCHED_META.has(m.key))
      .map((m) => m.value),
  ];
  return haystack.some((value) => typeof value === 'string' && value.toLowerCase().includes(needle));
}

export type Misbehaviour =
  | { kind: 'html' }
  | { kind: 'truncated' }
  | { kind: 'status'; status: 429 | 500 | 502 | 503; retryAfterSeconds?: number }
  | { kind: 'delay'; ms: number };

export interface StoreRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  auth: 'oauth' | 'basic' | 'query' | 'none';
}

export interface WooCommerceStoreOptions {
  orders?: WooJson[];
  /** Refunds by order id, in the shape of /orders/:id/refunds. */
  refunds?: Record<number, WooJson[]>;
  consumerKey?: string;
  consumerSecret?: string;
  /** Serve HTTPS with this key and certificate (Basic auth and query-string keys are then accepted). */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** The clock for OAuth timestamps (seconds). */
  now?: () => number;
  host?: string;
}

export interface WooCommerceStore {
  url: string;
  consumerKey: string;
  consumerSecret: string;
  requests: StoreRequest[];
  orders: Map<number, WooJson>;
  /** The next `times` requests (to paths matching `pathPattern`, and for list page `page`, when given) misbehave this way. */
  misbehave(misbehaviour: Misbehaviour, times?: number, pathPattern?: RegExp, page?: number): void;
  /** Called after each orders list page is computed and before it is sent (to change orders between pages). */
  onListPage(hook: (page: number, served: WooJson[]) => void): void;
  /** Changes an order as WooCommerce would: the patch is applied and date_modified moves to now. */
  updateOrder(id: number, patch: Record<string, unknown>, modifiedGmt?: string): void;
  addOrder(order: WooJson): void;
  deleteOrder(id: number): void;
  close(): Promise<void>;
}

const ALL_STATUSES = ['pending', 'processing', 'on-hold', 'completed', 'cancelled', 'refunded', 'failed', 'trash', 'checkout-draft'];

function wooError(code: string, message: string, status: number, extra: Record<string, unknown> = {}) {
  return { code, message, data: { status, ...extra } };
}

/** RFC 3986 percent-encoding, as PHP's rawurlencode. */
function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Query string pairs decoded as PHP's $_GET does: "+" is a space and a repeated key keeps its last value. */
function parseQuery(raw: string): [string, string][] {
  if (!raw) return [];
  const pairs = raw
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const i = pair.indexOf('=');
      const decode = (s: string) => {
        try {
          return decodeURIComponent(s.replace(/\+/g, ' '));
        } catch {
          return s;
        }
      };
      return (i === -1 ? [decode(pair), ''] : [decode(pair.slice(0, i)), decode(pair.slice(i + 1))]) as [string, string];
    });
  // The REST client repeats the query in its OAuth parameters ("page=2&…&page=2"); PHP keeps one.
  const last = new Map<string, number>();
  pairs.forEach(([k], i) => last.set(k.endsWith('[]') ? `${k}#${i}` : k, i));
  return pairs.filter((_, i) => [...last.values()].includes(i));
}

/** WooCommerce's OAuth 1.0a check (WC_REST_Authentication::check_oauth_signature), or the error it answers. */
export function checkOAuthSignature(options: {
  method: string;
  baseUrl: string;
  params: [string, string][];
  consumerSecret: string;
}): { ok: true } | { ok: false; message: string } {
  const params = options.params.filter(([k]) => k !== 'oauth_signature');
  const provided = (options.params.find(([k]) => k === 'oauth_signature')?.[1] ?? '').replace(/ /g, '+');
  const method = options.params.find(([k]) => k === 'oauth_signature_method')?.[1] ?? '';
  if (method !== 'HMAC-SHA1' && method !== 'HMAC-SHA256') return { ok: false, message: 'Invalid signature - signature method is invalid.' };
  const normalised = params
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const base = [options.method.toUpperCase(), rfc3986(options.baseUrl), rfc3986(normalised.map(([k, v]) => `${k}=${v}`).join('&'))].join(
    '&',
  );
  const expected = crypto
    .createHmac(method === 'HMAC-SHA1' ? 'sha1' : 'sha256', `${options.consumerSecret}&`)
    .update(base)
    .digest('base64');
  const a = Buffer.from(expected);
  const b = Buffer.from(provided);
  return a.length === b.length && crypto.timingSafeEqual(a, b)
    ? { ok: true }
    : { ok: false, message: 'Invalid signature - provided signature does not match.' };
}

function utcOf(param: string, gmt: boolean): string | null {
  // "2026-11-01T00:00:00" (local or GMT per dates_are_gmt), or with Z / an offset.
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(Z|[+-]\d{2}:?\d{2})?$/.exec(param);
  if (!m) return null;
  if (!m[3]) return `${gmt ? 'gmt' : 'local'}|${m[1]}T${m[2]}`;
  const ms = Date.parse(`${m[1]}T${m[2]}${m[3]}`);
  return Number.isNaN(ms) ? null : `gmt|${new Date(ms).toISOString().slice(0, 19)}`;
}

/** Starts the store on a free port; `close()` stops it. */
export async function startWooCommerceStore(options: WooCommerceStoreOptions = {}): Promise<WooCommerceStore> {
  const consumerKey = options.consumerKey ?? `ck_${crypto.randomBytes(20).toString('hex')}`;
  const consumerSecret = options.consumerSecret ?? `cs_${crypto.randomBytes(20).toString('hex')}`;
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const secure = Boolean(options.tls);
  const orders = new Map<number, WooJson>((options.orders ?? fixtureOrders()).map((o) => [o.id, structuredClone(o)]));
  const refunds = new Map<number, WooJson[]>(Object.entries(options.refunds ?? {}).map(([k, v]) => [Number(k), v]));
  const requests: StoreRequest[] = [];
  const queue: { misbehaviour: Misbehaviour; pattern?: RegExp; page?: number }[] = [];
  const listHooks: ((page: number, served: WooJson[]) => void)[] = [];
  const nonces = new Set<string>();
  const settings = fs.existsSync(path.join(WOOCOMMERCE_FIXTURES_DIR, 'api', 'settings_general.json'))
    ? readWooFixture('settings_general.json')
    : [];

  let baseUrl = '';

  function authenticate(
    req: http.IncomingMessage,
    pathname: string,
    query: [string, string][],
  ): { ok: true; via: StoreRequest['auth'] } | { ok: false; body: unknown } {
    const q = new Map(query);
    const header = req.headers.authorization ?? '';
    if (secure) {
      let key: string | undefined;
      let secret: string | undefined;
      if (header.startsWith('Basic ')) [key, secret] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
      else if (q.has('consumer_key')) [key, secret] = [q.get('consumer_key'), q.get('consumer_secret')];
      if (key !== undefined) {
        if (key !== consumerKey)
          return { ok: false, body: wooError('woocommerce_rest_authentication_error', 'Consumer key is invalid.', 401) };
        if (secret !== consumerSecret)
          return { ok: false, body: wooError('woocommerce_rest_authentication_error', 'Consumer secret is invalid.', 401) };
        return { ok: true, via: header ? 'basic' : 'query' };
      }
    }
    // OAuth parameters in the query string or an "Authorization: OAuth …" header.
    let params = query;
    if (header.startsWith('OAuth ')) {
      const fromHeader = [...header.slice(6).matchAll(/(\w+)="([^"]*)"/g)].map(
        (m) => [decodeURIComponent(m[1]!), decodeURIComponent(m[2]!)] as [string, string],
      );
      params = [...query, ...fromHeader.filter(([k]) => k !== 'realm')];
    }
    const p = new Map(params);
    if (!p.has('oauth_consumer_key')) {
      return { ok: false, body: wooError('woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.', 401) };
    }
    const missing = ['oauth_consumer_key', 'oauth_timestamp', 'oauth_nonce', 'oauth_signature', 'oauth_signature_method'].filter(
      (k) => !p.get(k),
    );
    if (missing.length) {
      return { ok: false, body: wooError('woocommerce_rest_authentication_error', `Missing OAuth parameter ${missing.join(', ')}`, 401) };
    }
    if (p.get('oauth_consumer_key') !== consumerKey)
      return { ok: false, body: wooError('woocommerce_rest_authentication_error', 'Consumer key is invalid.', 401) };
    const host = req.headers.host ?? new URL(baseUrl).host;
    const check = checkOAuthSignature({
      method: req.method ?? 'GET',
      baseUrl: `${secure ? 'https' : 'http'}://${host}${pathname}`,
      params,
      consumerSecret,
    });
    if (!check.ok) {
      // The bad-signature body is the one the real store sent (fixture error_401_bad_secret.json).
      const body = check.message.includes('does not match')
        ? readWooFixture('error_401_bad_secret.json')
        : wooError('woocommerce_rest_authentication_error', check.message, 401);
      return { ok: false, body };
    }
    const timestamp = Number(p.get('oauth_timestamp'));
    if (!Number.isFinite(timestamp) || Math.abs(now() - timestamp) > 15 * 60) {
      return { ok: false, body: wooError('woocommerce_rest_authentication_error', 'Invalid timestamp.', 401) };
    }
    const nonceKey = `${p.get('oauth_consumer_key')}|${timestamp}|${p.get('oauth_nonce')}`;
    if (nonces.has(nonceKey))
      return { ok: false, body: wooError('woocommerce_rest_authentication_error', 'Invalid nonce - nonce has already been used.', 401) };
    nonces.add(nonceKey);
    return { ok: true, via: 'oauth' };
  }

  function listOrders(
    query: Map<string, string>,
    rawQuery: [string, string][],
  ): { status: number; body: unknown; headers?: Record<string, string> } {
    const int = (name: string, fallback: number) => (query.has(name) ? Number(query.get(name)) : fallback);
    const perPage = int('per_page', 10);
    const page = int('page', 1);
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
      return {
        status: 400,
        body: wooError('rest_invalid_param', 'Invalid parameter(s): per_page', 400, {
          params: { per_page: 'per_page must be between 1 (inclusive) and 100 (inclusive)' },
          details: {},
        }),
      };
    }
    if (!Number.isInteger(page) || page < 1) {
      return {
        status: 400,
        body: wooError('rest_invalid_param', 'Invalid parameter(s): page', 400, {
          params: { page: 'page must be greater than or equal to 1' },
          details: {},
        }),
      };
    }
    const statusParam = [...rawQuery].filter(([k]) => k === 'status' || /^status\[\d*\]$/.test(k)).flatMap(([, v]) => v.split(','));
    const statuses = statusParam.length ? statusParam : ['any'];
    const unknown = statuses.filter((s) => s !== 'any' && !ALL_STATUSES.includes(s));
    if (unknown.length) {
      return {
        status: 400,
        body: wooError('rest_invalid_param', 'Invalid parameter(s): status', 400, {
          params: { status: `status[0] is not one of any, ${ALL_STATUSES.join(', ')}.` },
          details: {},
        }),
      };
    }
    const gmt = query.get('dates_are_gmt') === 'true' || query.get('dates_are_gmt') === '1';
    const filters: { field: 'created' | 'modified'; op: 'after' | 'before'; at: string }[] = [];
    for (const [name, field, op] of [
      ['after', 'created', 'after'],
      ['before', 'created', 'before'],
      ['modified_after', 'modified', 'after'],
      ['modified_before', 'modified', 'before'],
    ] as const) {
      const value = query.get(name);
      if (value === undefined) continue;
      const at = utcOf(value, gmt);
      if (!at)
        return {
          status: 400,
          body: wooError('rest_invalid_param', `Invalid parameter(s): ${name}`, 400, { params: { [name]: 'Invalid date.' }, details: {} }),
        };
      filters.push({ field, op, at });
    }
    const search = (query.get('search') ?? '').trim();
    const selected = [...orders.values()].filter((o) => {
      if (search && !matchesSearch(o, search)) return false;
      const status = String(o.status);
      if (statuses.includes('any') ? status === 'trash' : !statuses.includes(status)) return false;
      return filters.every((f) => {
        const [zone, at] = f.at.split('|') as [string, string];
        const value = String(o[`date_${f.field}${zone === 'gmt' ? '_gmt' : ''}`] ?? '');
        return f.op === 'after' ? value > at : value < at; // strictly, to the second, as WooCommerce
      });
    });
    const orderby = query.get('orderby') ?? 'date';
    const direction = (query.get('order') ?? 'desc') === 'asc' ? 1 : -1;
    const keyOf = (o: WooJson) =>
      orderby === 'id' ? String(o.id).padStart(12, '0') : String(orderby === 'modified' ? o.date_modified_gmt : o.date_created_gmt);
    selected.sort((a, b) => (keyOf(a) < keyOf(b) ? -direction : keyOf(a) > keyOf(b) ? direction : (a.id - b.id) * direction));
    const total = selected.length;
    const totalPages = Math.ceil(total / perPage);
    const served = selected.slice((page - 1) * perPage, page * perPage).map((o) => structuredClone(o));
    for (const hook of listHooks) hook(page, served);
    // Like WordPress, the Link header repeats every parameter of this request, OAuth ones included.
    const link = (p: number, rel: string) => {
      const pairs: [string, string][] = [...rawQuery.filter(([k]) => k !== 'page'), ['page', String(p)]];
      const qs = pairs.map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join('&');
      return `<${baseUrl}/wp-json/wc/v3/orders?${qs}>; rel="${rel}"`;
    };
    const links = [
      ...(page > 1 ? [link(Math.min(page - 1, Math.max(totalPages, 1)), 'prev')] : []),
      ...(page < totalPages ? [link(page + 1, 'next')] : []),
    ];
    return {
      status: 200,
      body: served,
      headers: { 'X-WP-Total': String(total), 'X-WP-TotalPages': String(totalPages), ...(links.length ? { Link: links.join(', ') } : {}) },
    };
  }

  function route(
    req: http.IncomingMessage,
    pathname: string,
    rawQuery: [string, string][],
  ): { status: number; body: unknown; headers?: Record<string, string> } {
    const query = new Map(rawQuery);
    const restRoute = pathname.startsWith('/wp-json/') ? pathname.slice('/wp-json'.length) : (query.get('rest_route') ?? '');
    if (req.method !== 'GET')
      return { status: 404, body: wooError('rest_no_route', 'No route was found matching the URL and request method.', 404) };
    if (restRoute === '/wc/v3/orders') return listOrders(query, rawQuery);
    const one = /^\/wc\/v3\/orders\/(\d+)$/.exec(restRoute);
    if (one) {
      const order = orders.get(Number(one[1]));
      return order ? { status: 200, body: order } : { status: 404, body: readWooFixture('error_404_order.json') };
    }
    const refundList = /^\/wc\/v3\/orders\/(\d+)\/refunds$/.exec(restRoute);
    if (refundList) {
      if (!orders.has(Number(refundList[1]))) return { status: 404, body: readWooFixture('error_404_order.json') };
      const list = refunds.get(Number(refundList[1])) ?? [];
      return { status: 200, body: list, headers: { 'X-WP-Total': String(list.length), 'X-WP-TotalPages': list.length ? '1' : '0' } };
    }
    if (restRoute === '/wc/v3/settings/general') return { status: 200, body: settings };
    if (restRoute === '/wc/v3/system_status') {
      return {
        status: 200,
        body: {
          environment: { version: '7.9.0', wp_version: '6.1', site_url: baseUrl },
          settings: { currency: 'EUR', currency_symbol: '€' },
        },
      };
    }
    return { status: 404, body: wooError('rest_no_route', 'No route was found matching the URL and request method.', 404) };
  }

  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const [pathname = '/', search = ''] = (req.url ?? '/').split('?', 2) as [string, string?];
    const rawQuery = parseQuery(search);
    const record = (status: number, auth: StoreRequest['auth']) =>
      requests.push({ method: req.method ?? 'GET', path: pathname, query: Object.fromEntries(rawQuery), status, auth });
    const send = (status: number, body: string, headers: Record<string, string> = {}, contentType = 'application/json; charset=UTF-8') => {
      res.writeHead(status, {
        'Content-Type': contentType,
        'X-Robots-Tag': 'noindex',
        Link: `<${baseUrl}/wp-json/>; rel="https://api.w.org/"`,
        ...headers,
      });
      res.end(body);
    };
    const index = queue.findIndex(
      (q) =>
        (!q.pattern || q.pattern.test(pathname)) &&
        (q.page === undefined || q.page === Number(rawQuery.find(([k]) => k === 'page')?.[1] ?? 1)),
    );
    const trouble = index === -1 ? null : queue.splice(index, 1)[0]!.misbehaviour;
    const respond = () => {
      if (trouble?.kind === 'html') {
        record(200, 'none');
        return send(
          200,
          '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body><h1>Checking your browser</h1></body></html>',
          {},
          'text/html; charset=UTF-8',
        );
      }
      if (trouble?.kind === 'status') {
        record(trouble.status, 'none');
        const headers: Record<string, string> =
          trouble.retryAfterSeconds !== undefined ? { 'Retry-After': String(trouble.retryAfterSeconds) } : {};
        const body =
          trouble.status === 429
            ? wooError('rest_too_many_requests', 'Too many requests.', 429)
            : {
                ...wooError('internal_server_error', '<p>There has been a critical error on this website.</p>', trouble.status),
                additional_errors: [],
              };
        return send(trouble.status, JSON.stringify(body), headers);
      }
      const auth = authenticate(req, pathname, rawQuery);
      if (!auth.ok) {
        record(401, 'none');
        return send(401, JSON.stringify(auth.body));
      }
      const answer = route(req, pathname, rawQuery);
      record(answer.status, auth.via);
      const body = JSON.stringify(answer.body);
      if (trouble?.kind === 'truncated')
        return send(answer.status, body.slice(0, Math.max(1, Math.floor(body.length / 2))), answer.headers);
      return send(answer.status, body, answer.headers);
    };
    if (trouble?.kind === 'delay') setTimeout(respond, trouble.ms);
    else respond();
  };

  const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, handler) : http.createServer(handler);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `${secure ? 'https' : 'http'}://${host}:${port}`;

  return {
    url: baseUrl,
    consumerKey,
    consumerSecret,
    requests,
    orders,
    misbehave: (misbehaviour, times = 1, pathPattern, page) => {
      for (let i = 0; i < times; i++) queue.push({ misbehaviour, pattern: pathPattern, page });
    },
    onListPage: (hook) => listHooks.push(hook),
    updateOrder: (id, patch, modifiedGmt) => {
      const order = orders.get(id);
      if (!order) throw new Error(`No order ${id} in the fake store.`);
      const stamp = modifiedGmt ?? new Date(now() * 1000).toISOString().slice(0, 19);
      Object.assign(order, patch, { date_modified_gmt: stamp, date_modified: stamp });
    },
    addOrder: (order) => orders.set(order.id, structuredClone(order)),
    deleteOrder: (id) => orders.delete(id),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
