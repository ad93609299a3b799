// Shops Cuadra reads orders from: settings with encrypted credentials, the status an admin screen
// shows (sync progress, webhook activity, last error with the store's raw answer), and a
// connection test that explains failures.
import crypto from 'node:crypto';
import type { Sequelize } from 'sequelize';
import type { CredentialCipher } from '../../adapters/crypto/credential-cipher';
import { checkStoreUrl, type WooCommerceClient, type WooCommerceClientFactory } from '../../adapters/woocommerce/woocommerce-client';
import type { Models } from '../../db/models';
import type { StoreKind, StoreRecord } from '../../db/models/store.model';
import { inTransaction } from '../../db/transactions';
import { NotFoundError, ValidationError } from '../../errors';
import { askStore } from './store-answer';

export const DEFAULT_INVOICE_STATUSES = ['processing', 'completed'];
/** A webhook counts as active when WooCommerce delivered something within this window. */
const WEBHOOK_ACTIVE_DAYS = 7;
/** The value of same_site_key on the one same-site store (NULL on every other store). */
const SAME_SITE_KEY = 'same_site';

export interface StoreInput {
  name: string;
  /** undefined: 'woocommerce' for a new store, unchanged for an existing one (a store never changes kind). */
  kind?: StoreKind;
  url: string;
  /** undefined keeps the stored value; null or '' removes it. */
  consumer_key?: string | null;
  consumer_secret?: string | null;
  webhook_secret?: string | null;
  imap?: { host: string; port: number | null; tls: boolean; user: string; password?: string | null; folder: string } | null;
  invoice_statuses: string[];
}

export interface StoreView {
  id: number;
  name: string;
  kind: StoreKind;
  url: string;
  consumer_key_set: boolean;
  consumer_secret_set: boolean;
  webhook_secret_set: boolean;
  imap: { host: string; port: number | null; tls: boolean; user: string; folder: string; password_set: boolean } | null;
  invoice_statuses: string[];
  webhook: { active: boolean; last_received_at: string | null; last_ping_at: string | null };
  /** Same-site stores: when WordPress last pushed orders. */
  push: { last_received_at: string | null };
  sync: SyncView;
  mail: { last_uid: number; uid_validity: number | null; checked_at: string | null };
  last_error: { code: string; message: string; raw: string | null; at: string | null } | null;
  created_at: string;
  updated_at: string;
}

export interface SyncView {
  state: string;
  mode: string | null;
  from: string | null;
  watermark: string | null;
  done: number;
  total: number | null;
  requests: number;
  started_at: string | null;
  finished_at: string | null;
  cancel_requested: boolean;
  /** Orders per minute since the run started. */
  rate_per_minute: number | null;
  seconds_left: number | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function syncViewOf(row: StoreRecord, now: Date): SyncView {
  const started = row.sync_started_at ? new Date(row.sync_started_at).getTime() : null;
  const end = row.sync_state === 'running' || !row.sync_finished_at ? now.getTime() : new Date(row.sync_finished_at).getTime();
  const elapsed = started !== null ? Math.max(1, end - started) / 1000 : null;
  const done = Number(row.sync_done);
  const total = row.sync_total === null ? null : Number(row.sync_total);
  const perSecond = elapsed && done > 0 ? done / elapsed : null;
  return {
    state: row.sync_state,
    mode: row.sync_mode,
    from: row.sync_from,
    watermark: row.sync_watermark,
    done,
    total,
    requests: Number(row.sync_requests),
    started_at: iso(row.sync_started_at),
    finished_at: iso(row.sync_finished_at),
    cancel_requested: Boolean(row.sync_cancelled),
    rate_per_minute: perSecond !== null ? Math.round(perSecond * 60) : null,
    seconds_left:
      perSecond && total !== null && (row.sync_state === 'running' || row.sync_state === 'queued')
        ? Math.max(0, Math.round((total - done) / perSecond))
        : null,
  };
}

export function storeViewOf(row: StoreRecord, now: Date): StoreView {
  const lastReceived = row.webhook_last_received_at ? new Date(row.webhook_last_received_at) : null;
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    url: row.url,
    consumer_key_set: row.consumer_key_enc !== null,
    consumer_secret_set: row.consumer_secret_enc !== null,
    webhook_secret_set: row.webhook_secret_enc !== null,
    imap: row.imap_host
      ? {
          host: row.imap_host,
          port: row.imap_port,
          tls: Boolean(row.imap_tls),
          user: row.imap_user,
          folder: row.imap_folder,
          password_set: row.imap_password_enc !== null,
        }
      : null,
    invoice_statuses: JSON.parse(row.invoice_statuses) as string[],
    webhook: {
      active: lastReceived !== null && now.getTime() - lastReceived.getTime() < WEBHOOK_ACTIVE_DAYS * 86_400_000,
      last_received_at: iso(row.webhook_last_received_at),
      last_ping_at: iso(row.webhook_last_ping_at),
    },
    push: { last_received_at: iso(row.push_last_received_at) },
    sync: syncViewOf(row, now),
    mail: {
      last_uid: Number(row.mail_last_uid),
      uid_validity: row.mail_uid_validity === null ? null : Number(row.mail_uid_validity),
      checked_at: iso(row.mail_checked_at),
    },
    last_error: row.last_error_code
      ? { code: row.last_error_code, message: row.last_error_message ?? '', raw: row.last_error_raw, at: iso(row.last_error_at) }
      : null,
    created_at: iso(row.created_at)!,
    updated_at: iso(row.updated_at)!,
  };
}

export interface StoreServiceDeps {
  sequelize: Sequelize;
  models: Models;
  cipher: CredentialCipher;
  wooClients: WooCommerceClientFactory;
  now: () => Date;
}

export type ConnectionTest =
  | { ok: true; orders_total: number | null; message: string }
  | { ok: false; code: string; message: string; status: number | null; raw: string | null };

export function createStoreService(deps: StoreServiceDeps) {
  const { models, cipher, wooClients, now } = deps;
  const Store = models.Store;

  const seal = (value: string | null | undefined, purpose: string, current: string | null): string | null => {
    if (value === undefined) return current;
    if (value === null || value.trim() === '') return null;
    return cipher.encrypt(value.trim(), purpose);
  };

  /** A same-site store is this WordPress site: no keys (WordPress pushes its orders), any URL it names itself by. */
  function checkSameSite(input: StoreInput): void {
    const keys = (['consumer_key', 'consumer_secret'] as const).filter(
      (field) => typeof input[field] === 'string' && input[field].trim() !== '',
    );
    if (keys.length) {
      throw new ValidationError(
        keys.map((property) => ({
          message: 'This store is this WordPress site: it needs no REST API keys, WordPress pushes its orders to Cuadra.',
          code: 'SAME_SITE_NO_KEYS',
          property,
        })),
      );
    }
  }

  function columnsOf(input: StoreInput, current: StoreRecord | null) {
    const kind: StoreKind = current?.kind ?? input.kind ?? 'woocommerce';
    if (current && input.kind !== undefined && input.kind !== current.kind) {
      throw new ValidationError([
        { message: 'A store cannot change its kind; add a new store instead.', code: 'KIND_UNCHANGEABLE', property: 'kind' },
      ]);
    }
    if (kind === 'same_site') checkSameSite(input);
    else if (input.url.trim() === '') {
      throw new ValidationError([{ message: 'The store URL is required.', code: 'REQUIRED', property: 'url' }]);
    } else {
      const urlProblem = checkStoreUrl(input.url);
      if (urlProblem) throw new ValidationError([{ message: urlProblem.message, code: urlProblem.code, property: 'url' }]);
    }
    return {
      name: input.name,
      kind,
      url: input.url.trim().replace(/\/+$/, ''),
      consumer_key_enc: kind === 'same_site' ? null : seal(input.consumer_key, 'store:consumer_key', current?.consumer_key_enc ?? null),
      consumer_secret_enc:
        kind === 'same_site' ? null : seal(input.consumer_secret, 'store:consumer_secret', current?.consumer_secret_enc ?? null),
      webhook_secret_enc: seal(input.webhook_secret, 'store:webhook_secret', current?.webhook_secret_enc ?? null),
      imap_host: input.imap?.host ?? '',
      imap_port: input.imap?.port ?? null,
      imap_tls: input.imap?.tls ?? true,
      imap_user: input.imap?.user ?? '',
      imap_password_enc: input.imap ? seal(input.imap.password, 'store:imap_password', current?.imap_password_enc ?? null) : null,
      imap_folder: input.imap?.folder || 'INBOX',
      invoice_statuses: JSON.stringify(input.invoice_statuses.length ? input.invoice_statuses : DEFAULT_INVOICE_STATUSES),
    };
  }

  async function findRow(id: number): Promise<StoreRecord> {
    const row = await Store.findByPk(id);
    if (!row) throw new NotFoundError('There is no store with this id.', 'NOT_FOUND');
    return row;
  }

  /** The decrypted REST credentials, or null when the store has none (a same-site store never has: it is never polled). */
  function credentialsOf(row: Pick<StoreRecord, 'url' | 'consumer_key_enc' | 'consumer_secret_enc'> & { kind?: StoreKind }) {
    if (row.kind === 'same_site' || !row.consumer_key_enc || !row.consumer_secret_enc) return null;
    return {
      url: row.url,
      consumer_key: cipher.decrypt(row.consumer_key_enc, 'store:consumer_key'),
      consumer_secret: cipher.decrypt(row.consumer_secret_enc, 'store:consumer_secret'),
    };
  }

  async function recordProblem(storeId: number, problem: { code: string; message: string; raw: string | null }): Promise<void> {
    await Store.update(
      { last_error_code: problem.code, last_error_message: problem.message, last_error_raw: problem.raw, last_error_at: now() },
      { where: { id: storeId } },
    );
  }

  const sameSiteStore = () => Store.findOne({ where: { same_site_key: SAME_SITE_KEY } });

  /**
   * Creates a store. One WordPress site has one same-site store (its orders would otherwise arrive twice):
   * asking for another answers with the existing one (created: false), so a connect whose answer never
   * reached WordPress can simply be repeated. The UNIQUE same_site_key settles two connects at once.
   */
  async function createOrAdopt(input: StoreInput): Promise<{ store: StoreView; created: boolean }> {
    const columns = columnsOf(input, null);
    if (columns.kind !== 'same_site') {
      return { store: storeViewOf(await Store.create({ ...columns, sync_state: 'idle' }), now()), created: true };
    }
    const existing = await sameSiteStore();
    if (existing) return { store: storeViewOf(existing, now()), created: false };
    try {
      const row = await Store.create({ ...columns, same_site_key: SAME_SITE_KEY, sync_state: 'idle' });
      return { store: storeViewOf(row, now()), created: true };
    } catch (err) {
      if ((err as Error)?.name !== 'SequelizeUniqueConstraintError') throw err;
      const winner = await sameSiteStore();
      if (!winner) throw err;
      return { store: storeViewOf(winner, now()), created: false };
    }
  }

  return {
    findRow,
    credentialsOf,
    recordProblem,
    /** A REST client for the store, or null when it has no keys. */
    clientFor(row: StoreRecord): WooCommerceClient | null {
      const credentials = credentialsOf(row);
      return credentials ? wooClients(credentials) : null;
    },
    webhookSecretOf(row: StoreRecord): string | null {
      return row.webhook_secret_enc ? cipher.decrypt(row.webhook_secret_enc, 'store:webhook_secret') : null;
    },
    imapPasswordOf(row: StoreRecord): string | null {
      return row.imap_password_enc ? cipher.decrypt(row.imap_password_enc, 'store:imap_password') : null;
    },
    async list(): Promise<StoreView[]> {
      const rows = await Store.findAll({ order: [['id', 'ASC']] });
      return rows.map((r) => storeViewOf(r, now()));
    },
    async get(id: number): Promise<StoreView> {
      return storeViewOf(await findRow(id), now());
    },
    async create(input: StoreInput): Promise<StoreView> {
      return (await createOrAdopt(input)).store;
    },
    createOrAdopt,
    async update(id: number, input: StoreInput): Promise<StoreView> {
      const row = await findRow(id);
      await row.update(columnsOf(input, row));
      return storeViewOf(row, now());
    },
    async remove(id: number): Promise<void> {
      const row = await findRow(id);
      await inTransaction(deps.sequelize, async (tx) => {
        // Orders already invoiced stay as the invoices' origin; the rest go with the store.
        await models.StoreOrder.destroy({ where: { store_id: id, invoice_id: null }, transaction: tx });
        await models.StoreWebhookDelivery.destroy({ where: { store_id: id }, transaction: tx });
        await models.StoreMailReject.destroy({ where: { store_id: id }, transaction: tx });
        await row.destroy({ transaction: tx });
      });
    },
    /** Asks the store for one order with the saved (or given, unsaved) settings and explains any failure. */
    async testConnection(
      id: number,
      override: Partial<Pick<StoreInput, 'url' | 'consumer_key' | 'consumer_secret'>> = {},
    ): Promise<ConnectionTest> {
      const row = await findRow(id);
      if (row.kind === 'same_site') {
        const last = row.push_last_received_at ? new Date(row.push_last_received_at).toISOString() : null;
        // No store to ask: the orders WordPress pushed so far are the count an admin screen shows.
        return {
          ok: true,
          orders_total: await models.StoreOrder.count({ where: { store_id: id } }),
          message: last
            ? `Nothing to connect to: this store is this WordPress site, which pushes its orders to Cuadra when they change. Last push: ${last}.`
            : 'Nothing to connect to: this store is this WordPress site, which pushes its orders to Cuadra when they change. No push has arrived yet.',
        };
      }
      const saved = credentialsOf(row);
      const url = override.url ?? row.url;
      const key = override.consumer_key ?? saved?.consumer_key;
      const secret = override.consumer_secret ?? saved?.consumer_secret;
      const urlProblem = checkStoreUrl(url);
      if (urlProblem) return { ok: false, code: urlProblem.code, message: urlProblem.message, status: null, raw: null };
      if (!key || !secret) {
        return { ok: false, code: 'NO_KEYS', message: 'Enter the REST API consumer key and secret of the store.', status: null, raw: null };
      }
      const client = wooClients({ url, consumer_key: key, consumer_secret: secret });
      const answer = await askStore(() => client.get('orders', { per_page: 1, _fields: 'id' }), url);
      const testingSaved = override.url === undefined && override.consumer_key === undefined && override.consumer_secret === undefined;
      if (!answer.ok) {
        if (testingSaved) await recordProblem(id, answer.problem);
        const { code, message, status, raw } = answer.problem;
        return { ok: false, code, message, status, raw };
      }
      if (!Array.isArray(answer.json)) {
        const problem = {
          code: 'NOT_WOOCOMMERCE',
          message: 'The store answered, but not with a list of orders.',
          raw: JSON.stringify(answer.json).slice(0, 4000),
        };
        if (testingSaved) await recordProblem(id, problem);
        return { ok: false, ...problem, status: 200 };
      }
      if (testingSaved)
        await Store.update(
          { last_error_code: null, last_error_message: null, last_error_raw: null, last_error_at: null },
          { where: { id } },
        );
      const total = answer.headers['x-wp-total'];
      return {
        ok: true,
        orders_total: total !== undefined ? Number(total) : null,
        message: 'Connected: the store answers with its orders.',
      };
    },
    /** A fresh webhook secret for the admin to paste into WooCommerce → Settings → Advanced → Webhooks (shown once). */
    async rotateWebhookSecret(id: number): Promise<{ webhook_secret: string }> {
      const row = await findRow(id);
      const secret = crypto.randomBytes(24).toString('base64url');
      await row.update({ webhook_secret_enc: cipher.encrypt(secret, 'store:webhook_secret') });
      return { webhook_secret: secret };
    },
  };
}

export type StoreService = ReturnType<typeof createStoreService>;
