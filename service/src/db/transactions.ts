import { Transaction, type Sequelize } from 'sequelize';
import { dialectOf } from './database';

const RETRYABLE_MYSQL = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);

/** Deadlocks and lock timeouts mean "try the whole transaction again", not "it failed". */
export function isRetryableTransactionError(err: unknown): boolean {
  const e = err as { name?: string; parent?: { code?: string }; original?: { code?: string } };
  const code = e?.parent?.code ?? e?.original?.code;
  if (code && (RETRYABLE_MYSQL.has(code) || code === 'SQLITE_BUSY')) return true;
  return e?.name === 'SequelizeTimeoutError';
}

// SQLite has one writer per file. Transactions of one process on the same file queue here instead
// of busy-waiting on the file lock inside libuv's few worker threads, which starves the very
// transaction they wait for. Keyed by file, so several service instances in one process share it.
const sqliteWriteQueues = new Map<string, Promise<unknown>>();

function queueSqliteWrite<T>(file: string, work: () => Promise<T>): Promise<T> {
  const previous = sqliteWriteQueues.get(file) ?? Promise.resolve();
  const next = previous.then(work, work);
  sqliteWriteQueues.set(
    file,
    next.catch(() => undefined),
  );
  return next;
}

function sqliteFile(sequelize: Sequelize): string {
  return String((sequelize as unknown as { options: { storage?: string } }).options.storage ?? ':memory:');
}

/**
 * Runs work in one transaction that either commits whole or leaves nothing behind, retried on
 * deadlocks with jittered backoff. SQLite takes the write lock up front (IMMEDIATE): two
 * transactions that both read and then write would otherwise deadlock on the upgrade.
 */
export async function inTransaction<T>(sequelize: Sequelize, work: (tx: Transaction) => Promise<T>, attempts = 8): Promise<T> {
  const options =
    dialectOf(sequelize) === 'sqlite'
      ? { type: Transaction.TYPES.IMMEDIATE }
      : { isolationLevel: Transaction.ISOLATION_LEVELS.READ_COMMITTED };
  const sqlite = dialectOf(sequelize) === 'sqlite';
  for (let attempt = 1; ; attempt++) {
    try {
      if (sqlite) return await queueSqliteWrite(sqliteFile(sequelize), () => sequelize.transaction(options, work));
      return await sequelize.transaction(options, work);
    } catch (err) {
      if (attempt >= attempts || !isRetryableTransactionError(err)) throw err;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** attempt));
    }
  }
}

/**
 * A single write outside any transaction (an UPDATE of one row, a lease). On SQLite it queues with
 * the transactions, for the same reason they queue: waiting on the file lock inside a worker thread
 * starves the transaction that holds it. Elsewhere it runs at once.
 */
export function queuedWrite<T>(sequelize: Sequelize, work: () => Promise<T>): Promise<T> {
  return dialectOf(sequelize) === 'sqlite' ? queueSqliteWrite(sqliteFile(sequelize), work) : work();
}

/** `INSERT … IGNORE` in both dialects: creates a row unless it already exists. */
export async function insertIgnore(
  sequelize: Sequelize,
  table: string,
  values: Record<string, string | number>,
  tx?: Transaction,
): Promise<void> {
  const columns = Object.keys(values);
  const sqlite = dialectOf(sequelize) === 'sqlite';
  const verb = sqlite ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
  const run = () =>
    sequelize.query(`${verb} INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, {
      replacements: Object.values(values),
      transaction: tx,
    });
  // A write outside a transaction queues like one on SQLite (see queueSqliteWrite).
  await (sqlite && !tx ? queueSqliteWrite(sqliteFile(sequelize), run) : run());
}
