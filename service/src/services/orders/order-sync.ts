// Orders from a store's REST API into cuadra_store_orders: a first import (optionally from a date)
// and incremental runs by a modified_after watermark in GMT with an overlap window. Pages are asked
// by id ascending, each request signed anew (the Link header is never followed), and the cursor
// (page, last id) is saved with each page's orders, so a run that crashed, timed out or was
// cancelled resumes where it stopped. A page is one atomic write: nothing is ever half-imported.
import type { Logger } from '../../logger';
import type { Models } from '../../db/models';
import type { StoreRecord } from '../../db/models/store.model';
import type { StoreOrderRepository } from '../../db/orders/store-order-repository';
import type { StoreOrder } from '../../domain/orders/store-order';
import { normaliseWooOrder } from '../../domain/orders/woo-order';
import { ConflictError } from '../../errors';
import { askStore, type StoreAnswer, type StoreProblem } from './store-answer';
import type { StoreService } from './store-service';
import type { WooCommerceClient } from '../../adapters/woocommerce/woocommerce-client';

export interface OrderSyncOptions {
  perPage: number;
  /** Decimals asked for (`dp`): more than the currency's, so unrounded line taxes stay exact. */
  decimals: number;
  /** modified_after is strict and to the second, and clocks drift: ask again for this much before the watermark. */
  overlapSeconds: number;
  /** Attempts per request on 429, 5xx, timeouts and cut-off bodies. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Incremental runs happen at most this often per store. */
  incrementalEveryMs: number;
}

export const DEFAULT_SYNC_OPTIONS: OrderSyncOptions = {
  perPage: 100,
  decimals: 6,
  overlapSeconds: 120,
  maxAttempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  incrementalEveryMs: 5 * 60_000,
};

export interface OrderSyncDeps {
  models: Models;
  stores: StoreService;
  orders: StoreOrderRepository;
  now: () => Date;
  logger: Logger;
  sleep?: (ms: number) => Promise<void>;
  options?: Partial<OrderSyncOptions>;
  /** Called after a sync was requested, to start without waiting for the next tick. */
  onSyncRequested?: () => void;
}

/** "2026-11-14T10:00:00" (GMT, as WooCommerce takes it with dates_are_gmt). */
export function gmtParam(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

const RESUMABLE = new Set(['queued', 'running', 'interrupted']);
/** Pages read ahead of the database at most: the reader waits for the writer beyond this. */
const MAX_QUEUED_PAGES = 4;
/** Pages asked for ahead of the one being read. */
const PREFETCH_PAGES = 2;
/** How often a running sync reads whether it was cancelled. */
const CANCEL_CHECK_MS = 200;

export function createOrderSync(deps: OrderSyncDeps) {
  const options = { ...DEFAULT_SYNC_OPTIONS, ...deps.options };
  const { models, stores, orders, now, logger } = deps;
  const Store = models.Store;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  /** One request with backoff on what may pass (429 honours Retry-After; 5xx, timeouts and cut-off bodies back off exponentially). */
  async function askWithBackoff(store: StoreRecord, client: WooCommerceClient, endpoint: string, params: Record<string, string | number>) {
    let answer: StoreAnswer | null = null;
    let requests = 0;
    for (let attempt = 1; attempt <= options.maxAttempts; attempt++) {
      requests++;
      answer = await askStore(() => client.get(endpoint, params), store.url);
      if (answer.ok || !answer.problem.retryable || attempt === options.maxAttempts) break;
      const backoff = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
      const delay = answer.problem.retry_after_ms !== null ? Math.min(options.maxDelayMs, answer.problem.retry_after_ms) : backoff;
      logger.info({ store_id: store.id, code: answer.problem.code, attempt, delay_ms: delay }, 'store asked to wait; retrying');
      await sleep(delay);
    }
    return { answer: answer!, requests };
  }

  async function fail(
    store: StoreRecord,
    problem: { code: string; message: string; raw: string | null; retryable: boolean },
    requests: number,
  ) {
    // A passing trouble (429, 5xx, timeout) leaves the run interrupted: the next tick resumes it. Anything else needs a person.
    const state = problem.retryable ? 'interrupted' : 'failed';
    await store.update({
      sync_state: state,
      sync_requests: Number(store.sync_requests) + requests,
      sync_finished_at: now(),
      last_error_code: problem.code,
      last_error_message: problem.message,
      last_error_raw: problem.raw,
      last_error_at: now(),
    });
    logger.warn({ store_id: store.id, code: problem.code, state }, 'order sync stopped');
  }

  function listParams(store: StoreRecord, page: number): Record<string, string | number> {
    const params: Record<string, string | number> = {
      per_page: options.perPage,
      page,
      orderby: 'id',
      order: 'asc',
      dp: options.decimals,
      dates_are_gmt: 'true',
    };
    if (store.sync_mode === 'incremental' && store.sync_modified_after) params.modified_after = store.sync_modified_after;
    if (store.sync_mode === 'first' && store.sync_from) params.after = store.sync_from;
    return params;
  }

  /**
   * Runs (or resumes) the store's current sync until it completes, fails, or is cancelled. Three
   * stages overlap: the next page is asked for while this one is read, and pages are read while the
   * ones before are written. Writes stay in order, and orders commit together with the cursor that
   * points past them, so the cursor never passes an order that is not stored.
   */
  async function runStore(storeId: number): Promise<void> {
    const store = await Store.findByPk(storeId);
    if (!store || !RESUMABLE.has(store.sync_state)) return;
    const client = stores.clientFor(store);
    if (!client) {
      await fail(store, { code: 'NO_KEYS', message: 'The store has no REST API keys.', raw: null, retryable: false }, 0);
      return;
    }
    await store.update({ sync_state: 'running', sync_started_at: store.sync_started_at ?? now(), sync_finished_at: null });
    // The run's mode and dates do not change while it runs.
    const ask = (page: number) => askWithBackoff(store, client, 'orders', listParams(store, page));
    // The cursor after the last page read (or as the run resumed); it reaches the row with that page's orders.
    let cursor = {
      page: Number(store.sync_page),
      lastId: Number(store.sync_last_id),
      done: Number(store.sync_done),
      requests: Number(store.sync_requests),
      total: store.sync_total === null ? null : Number(store.sync_total),
      nextWatermark: store.sync_next_watermark,
      lastErrorCode: store.last_error_code,
    };
    let previousTotal: number | null = cursor.total;
    // Pages asked for ahead of the one being read, by page number: the store prepares the next pages
    // while this process normalises and writes (a WooCommerce site serves a couple of requests at once).
    const prefetched = new Map<number, ReturnType<typeof ask>>();
    const dropPrefetched = () => {
      for (const pending of prefetched.values()) pending.catch(() => undefined);
      prefetched.clear();
    };
    // Pages read but not yet committed, and the writer that commits them: whatever is queued when it
    // finishes a transaction goes into the next one, so a slower database gets fewer, larger writes.
    const queued: { orders: StoreOrder[]; row: Record<string, unknown> }[] = [];
    let writer: Promise<void> | null = null;
    let writeFailed: { error: unknown } | null = null;
    const startWriter = () => {
      if (writer || writeFailed) return;
      writer = (async () => {
        try {
          while (queued.length) {
            const batch = queued.splice(0);
            const row = Object.assign({}, ...batch.map((b) => b.row)) as Record<string, unknown>;
            await orders.upsertApiOrderPage(
              storeId,
              batch.flatMap((b) => b.orders),
              'api',
              async (tx) => {
                await Store.update(row, { where: { id: storeId }, transaction: tx });
              },
            );
          }
        } catch (error) {
          writeFailed = { error };
        } finally {
          writer = null;
        }
      })();
    };
    /** Waits until every page read is committed; a failed write ends the run here. */
    const written = async () => {
      while (writer) await writer;
      if (writeFailed) throw writeFailed.error;
    };
    // A cancel from the admin, read in the background a few times a second: the reading of pages never
    // waits for the database (it is busy with the writer), and the run stops at the next page after.
    let cancel: 'no' | 'yes' | 'gone' = 'no';
    let watching: Promise<void> | null = null;
    let watchedAt = -Infinity;
    const watchCancel = () => {
      if (watching || performance.now() - watchedAt < CANCEL_CHECK_MS) return;
      watchedAt = performance.now();
      watching = Store.findByPk(storeId, { attributes: ['id', 'sync_cancelled'] }).then(
        (row) => {
          if (!row) cancel = 'gone';
          else if (row.sync_cancelled) cancel = 'yes';
          watching = null;
        },
        () => {
          watching = null;
        },
      );
    };
    const stop = async (problem: Parameters<typeof fail>[1], requests: number) => {
      await written();
      await fail((await Store.findByPk(storeId))!, problem, requests);
    };
    try {
      for (;;) {
        if (writeFailed) await written();
        watchCancel();
        if (cancel !== 'no') {
          await written();
          if (cancel === 'yes')
            await Store.update({ sync_state: 'cancelled', sync_cancelled: false, sync_finished_at: now() }, { where: { id: storeId } });
          return;
        }
        const { page, lastId } = cursor;
        const pending = prefetched.get(page) ?? ask(page);
        prefetched.delete(page);
        const { answer, requests } = await pending;
        if (!answer.ok) return await stop(answer.problem, requests);
        if (!Array.isArray(answer.json)) {
          return await stop(
            {
              code: 'NOT_WOOCOMMERCE',
              message: 'The store answered, but not with a list of orders.',
              raw: JSON.stringify(answer.json).slice(0, 4000),
              retryable: false,
            },
            requests,
          );
        }
        const served = answer.json as Record<string, unknown>[];
        const total = Number(answer.headers['x-wp-total'] ?? NaN);
        const firstId = served.length ? Number(served[0]!.id) : null;
        // Orders that left the filtered set before our cursor shift everything left: step back so none is skipped.
        if (previousTotal !== null && Number.isFinite(total) && total < previousTotal && page > 1 && firstId !== null && firstId > lastId) {
          const back = Math.max(1, Math.ceil((previousTotal - total) / options.perPage));
          previousTotal = total;
          dropPrefetched();
          await written();
          cursor = { ...cursor, page: Math.max(1, page - back), total, requests: cursor.requests + requests };
          await Store.update({ sync_page: cursor.page, sync_total: total, sync_requests: cursor.requests }, { where: { id: storeId } });
          continue;
        }
        if (Number.isFinite(total)) previousTotal = total;
        const complete = served.length < options.perPage;
        if (!complete) {
          // Never past the last page the store's total announces (an empty extra page would be a wasted request).
          const lastPage = Number.isFinite(total) ? Math.ceil(total / options.perPage) : page + 1;
          for (let ahead = page + 1; ahead <= Math.min(page + PREFETCH_PAGES, Math.max(lastPage, page + 1)); ahead++) {
            if (prefetched.has(ahead)) continue;
            const pending = ask(ahead);
            // Read later; marked handled now so a failure while the loop waits elsewhere is not an unhandled rejection.
            pending.catch(() => undefined);
            prefetched.set(ahead, pending);
          }
        }

        // The store's own clock at its first answer becomes the next watermark (ours may drift from it).
        const storeClock = Date.parse(answer.headers.date ?? '');
        const nextWatermark = cursor.nextWatermark ?? gmtParam(Number.isNaN(storeClock) ? now().getTime() : storeClock);

        let done = cursor.done;
        let maxId = lastId;
        let problem: { code: string; message: string; raw: string } | null = null;
        const readable = [];
        for (const json of served) {
          const id = Number(json.id);
          if (!Number.isInteger(id) || id <= lastId) continue; // seen earlier in this run (the set shifted right)
          const normalised = normaliseWooOrder(json);
          if (normalised.ok) readable.push(normalised.value);
          else {
            problem = {
              code: 'INVALID_ORDER',
              message: `Order ${String(json.number ?? id)}: ${normalised.error.message}`,
              raw: JSON.stringify(json).slice(0, 4000),
            };
            await orders.recordUnreadableOrder(storeId, id, json, normalised.error);
          }
          done++;
          maxId = Math.max(maxId, id);
        }
        const keepsError = problem !== null || cursor.lastErrorCode === 'INVALID_ORDER';
        const row = {
          sync_page: complete ? 1 : page + 1,
          sync_last_id: complete ? 0 : maxId,
          sync_done: done,
          sync_total: Number.isFinite(total) ? Math.max(total, done) : cursor.total,
          sync_requests: cursor.requests + requests,
          sync_next_watermark: complete ? null : nextWatermark,
          ...(problem
            ? { last_error_code: problem.code, last_error_message: problem.message, last_error_raw: problem.raw, last_error_at: now() }
            : {}),
          ...(complete
            ? {
                sync_state: 'done' as const,
                sync_watermark: nextWatermark,
                sync_finished_at: now(),
                sync_mode: null,
                sync_from: null,
                sync_modified_after: null,
                ...(keepsError ? {} : { last_error_code: null, last_error_message: null, last_error_raw: null, last_error_at: null }),
              }
            : {}),
        };
        // The page's orders and the cursor that points past them commit together (a crash leaves both or
        // neither), after the pages before it.
        queued.push({ orders: readable, row });
        startWriter();
        if (queued.length >= MAX_QUEUED_PAGES) await written();
        cursor = {
          page: row.sync_page,
          lastId: row.sync_last_id,
          done,
          requests: row.sync_requests,
          total: row.sync_total,
          nextWatermark: row.sync_next_watermark,
          lastErrorCode: problem ? problem.code : complete && !keepsError ? null : cursor.lastErrorCode,
        };
        if (complete) return await written();
      }
    } finally {
      // Work still in flight when the run stops is awaited, never left to fail unobserved.
      while (writer) await writer;
      await Promise.all([...prefetched.values()].map((pending) => pending.catch(() => undefined)));
      prefetched.clear();
      if (watching) await watching;
    }
  }

  function freshRun(mode: 'first' | 'incremental', from: string | null, modifiedAfter: string | null) {
    return {
      sync_state: 'queued' as const,
      sync_mode: mode,
      sync_from: from,
      sync_modified_after: modifiedAfter,
      sync_next_watermark: null,
      sync_page: 1,
      sync_last_id: 0,
      sync_done: 0,
      sync_total: null,
      sync_requests: 0,
      sync_started_at: null,
      sync_finished_at: null,
      sync_cancelled: false,
    };
  }

  function incrementalFrom(watermark: string): string {
    return gmtParam(Date.parse(`${watermark}Z`) - options.overlapSeconds * 1000);
  }

  return {
    runStore,
    /** Asks for a sync: resumes a stopped run, or starts a first import (from a date) or an incremental run. */
    async requestSync(storeId: number, request: { from?: string | null; restart?: boolean } = {}) {
      const store = await stores.findRow(storeId);
      if (!store.consumer_key_enc || !store.consumer_secret_enc) {
        throw new ConflictError("Enter the store's REST API keys before syncing.", 'NO_KEYS', 'consumer_key');
      }
      if (store.sync_state === 'queued' || store.sync_state === 'running') {
        if (store.sync_cancelled) await store.update({ sync_cancelled: false });
      } else if (
        !request.from &&
        !request.restart &&
        store.sync_mode &&
        ['cancelled', 'interrupted', 'failed'].includes(store.sync_state)
      ) {
        await store.update({ sync_state: 'queued', sync_cancelled: false });
      } else if (request.from || request.restart || !store.sync_watermark) {
        await store.update(freshRun('first', request.from ? gmtParam(Date.parse(`${request.from.slice(0, 10)}T00:00:00Z`)) : null, null));
      } else {
        await store.update(freshRun('incremental', null, incrementalFrom(store.sync_watermark)));
      }
      deps.onSyncRequested?.();
      return store;
    },
    async cancel(storeId: number) {
      const store = await stores.findRow(storeId);
      if (store.sync_state === 'running') await store.update({ sync_cancelled: true });
      else if (store.sync_state === 'queued' || store.sync_state === 'interrupted') {
        await store.update({ sync_state: 'cancelled', sync_cancelled: false, sync_finished_at: now() });
      }
      return store;
    },
    /** The job's work: resume what is queued or stopped by a crash, then start due incremental runs. */
    async runPending(): Promise<void> {
      const all = await Store.findAll({ order: [['id', 'ASC']] });
      for (const store of all) {
        if (!store.consumer_key_enc || !store.consumer_secret_enc) continue;
        const finished = store.sync_finished_at ? new Date(store.sync_finished_at).getTime() : 0;
        if (!RESUMABLE.has(store.sync_state)) {
          const due = store.sync_state === 'done' && store.sync_watermark && now().getTime() - finished >= options.incrementalEveryMs;
          if (!due) continue;
          await store.update(freshRun('incremental', null, incrementalFrom(store.sync_watermark!)));
        } else if (store.sync_state === 'interrupted' && now().getTime() - finished < options.baseDelayMs) {
          continue;
        }
        try {
          await runStore(store.id);
        } catch (error) {
          logger.warn({ store_id: store.id, err: { name: (error as Error).name, message: (error as Error).message } }, 'order sync failed');
          await Store.update({ sync_state: 'interrupted', sync_finished_at: now() }, { where: { id: store.id } });
        }
      }
    },
    /** One order by its WooCommerce id, fresh from the store. */
    async fetchOrder(store: StoreRecord, wooId: number) {
      const client = stores.clientFor(store);
      if (!client) {
        const problem: StoreProblem = {
          code: 'NO_KEYS',
          message: 'The store has no REST API keys.',
          raw: null,
          retryable: false,
          retry_after_ms: null,
          status: null,
        };
        return { ok: false as const, problem };
      }
      const { answer } = await askWithBackoff(store, client, `orders/${wooId}`, { dp: options.decimals });
      return answer;
    },
    async fetchRefunds(store: StoreRecord, wooId: number) {
      const client = stores.clientFor(store);
      if (!client) return null;
      const { answer } = await askWithBackoff(store, client, `orders/${wooId}/refunds`, { dp: options.decimals, per_page: 100 });
      return answer;
    },
    /** One page (perPage orders, newest first) of WooCommerce's order search: addresses, e-mail, item names, plugin meta, an id. */
    async searchOrders(store: StoreRecord, search: string, page = 1) {
      const client = stores.clientFor(store);
      if (!client) return null;
      const { answer } = await askWithBackoff(store, client, 'orders', { search, per_page: options.perPage, page, dp: options.decimals });
      return answer;
    },
    options,
  };
}

export type OrderSync = ReturnType<typeof createOrderSync>;
