// Orders from a store's REST API into cuadra_store_orders: a first import (optionally from a date)
// and incremental runs by a modified_after watermark in GMT with an overlap window. Pages are asked
// by id ascending, each request signed anew (the Link header is never followed), and the cursor
// (page, last id) is saved after each page, so a run that crashed, timed out or was cancelled
// resumes where it stopped. Each order is one atomic upsert: nothing is ever half-imported.
import type { Logger } from '../../logger';
import type { Models } from '../../db/models';
import type { StoreRecord } from '../../db/models/store.model';
import type { StoreOrderRepository } from '../../db/orders/store-order-repository';
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

  /** Runs (or resumes) the store's current sync until it completes, fails, or is cancelled. */
  async function runStore(storeId: number): Promise<void> {
    let store = await Store.findByPk(storeId);
    if (!store || !RESUMABLE.has(store.sync_state)) return;
    const client = stores.clientFor(store);
    if (!client) {
      await fail(store, { code: 'NO_KEYS', message: 'The store has no REST API keys.', raw: null, retryable: false }, 0);
      return;
    }
    await store.update({ sync_state: 'running', sync_started_at: store.sync_started_at ?? now(), sync_finished_at: null });
    let previousTotal: number | null = store.sync_total === null ? null : Number(store.sync_total);
    // The next page is asked for while this one is written, so the database and the network overlap.
    let prefetch: { page: number; pending: Promise<Awaited<ReturnType<typeof askWithBackoff>>> } | null = null;
    const ask = (s: StoreRecord, page: number) => askWithBackoff(s, client, 'orders', listParams(s, page));
    try {
      for (;;) {
        store = (await Store.findByPk(storeId))!;
        if (store.sync_cancelled) {
          await store.update({ sync_state: 'cancelled', sync_cancelled: false, sync_finished_at: now() });
          return;
        }
        const page = Number(store.sync_page);
        const lastId = Number(store.sync_last_id);
        const { answer, requests } = prefetch?.page === page ? await prefetch.pending : await ask(store, page);
        prefetch = null;
        if (!answer.ok) return await fail(store, answer.problem, requests);
        if (!Array.isArray(answer.json)) {
          return await fail(
            store,
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
          await store.update({
            sync_page: Math.max(1, page - back),
            sync_total: total,
            sync_requests: Number(store.sync_requests) + requests,
          });
          continue;
        }
        if (Number.isFinite(total)) previousTotal = total;
        const complete = served.length < options.perPage;
        if (!complete) prefetch = { page: page + 1, pending: ask(store, page + 1) };

        // The store's own clock at its first answer becomes the next watermark (ours may drift from it).
        const storeClock = Date.parse(answer.headers.date ?? '');
        const nextWatermark = store.sync_next_watermark ?? gmtParam(Number.isNaN(storeClock) ? now().getTime() : storeClock);

        let done = Number(store.sync_done);
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
            await orders.recordUnreadableOrder(store.id, id, json, normalised.error);
          }
          done++;
          maxId = Math.max(maxId, id);
        }
        const cursor = {
          sync_page: complete ? 1 : page + 1,
          sync_last_id: complete ? 0 : maxId,
          sync_done: done,
          sync_total: Number.isFinite(total) ? Math.max(total, done) : store.sync_total,
          sync_requests: Number(store.sync_requests) + requests,
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
                ...(problem || store.last_error_code === 'INVALID_ORDER'
                  ? {}
                  : { last_error_code: null, last_error_message: null, last_error_raw: null, last_error_at: null }),
              }
            : {}),
        };
        // The page's orders and the cursor commit together: a crash leaves either both or neither.
        await orders.upsertApiOrderPage(store.id, readable, 'api', async (tx) => {
          await Store.update(cursor, { where: { id: store!.id }, transaction: tx });
        });
        if (complete) return;
      }
    } finally {
      // A request still in flight when the run stops is awaited, never left to fail unobserved.
      if (prefetch) await prefetch.pending.catch(() => undefined);
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
    async searchOrders(store: StoreRecord, search: string) {
      const client = stores.clientFor(store);
      if (!client) return null;
      const { answer } = await askWithBackoff(store, client, 'orders', { search, per_page: 20, dp: options.decimals });
      return answer;
    },
    options,
  };
}

export type OrderSync = ReturnType<typeof createOrderSync>;
