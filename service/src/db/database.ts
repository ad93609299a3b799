import fs from 'node:fs';
import path from 'node:path';
import { Sequelize } from 'sequelize';

export type Dialect = 'mysql' | 'sqlite';

/** Builds the one Sequelize instance for a DATABASE_URL (MySQL/MariaDB or an SQLite file). */
export function createSequelize(databaseUrl: string): Sequelize {
  if (databaseUrl.startsWith('sqlite:')) {
    const storage = databaseUrl.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (storage !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(storage)), { recursive: true });
    const sequelize = new Sequelize({ dialect: 'sqlite', storage, logging: false });
    // Sequelize opens a connection per transaction; each must wait for the file lock instead of
    // failing with SQLITE_BUSY at once (the PRAGMA in tuneDatabase only reaches the default one).
    sequelize.addHook('afterConnect', (connection: unknown) => {
      (connection as { configure(option: 'busyTimeout', ms: number): void }).configure('busyTimeout', 15000);
    });
    return sequelize;
  }
  const url = databaseUrl.replace(/^mariadb:\/\//, 'mysql://');
  return new Sequelize(url, {
    dialect: 'mysql',
    logging: false,
    timezone: '+00:00',
    define: { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
    dialectOptions: { charset: 'utf8mb4', connectTimeout: 5000, dateStrings: false },
    // Fail fast when MySQL is down so callers get a 503 instead of hanging.
    pool: { max: 10, min: 0, acquire: 8000, idle: 10000, evict: 5000 },
  });
}

export function dialectOf(sequelize: Sequelize): Dialect {
  return sequelize.getDialect() === 'sqlite' ? 'sqlite' : 'mysql';
}

/** Per-connection settings SQLite needs for several writers (WAL, wait instead of SQLITE_BUSY). */
export async function tuneDatabase(sequelize: Sequelize): Promise<void> {
  if (dialectOf(sequelize) === 'sqlite') {
    await sequelize.query('PRAGMA journal_mode = WAL');
    await sequelize.query('PRAGMA busy_timeout = 10000');
    await sequelize.query('PRAGMA foreign_keys = ON');
  }
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'SQLITE_BUSY',
  'SQLITE_CANTOPEN',
]);

/** True for errors that mean "the database cannot be reached right now", as opposed to a bug. */
export function isDatabaseUnavailableError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const name = err.name;
  if (
    name.startsWith('SequelizeConnection') ||
    name === 'SequelizeHostNotFoundError' ||
    name === 'SequelizeAccessDeniedError' ||
    name === 'SequelizeHostNotReachableError' ||
    name === 'SequelizeInvalidConnectionError'
  ) {
    return true;
  }
  if (name === 'SequelizeConnectionAcquireTimeoutError' || name === 'TimeoutError') return true;
  const codes = [
    (err as { code?: string }).code,
    (err as { parent?: { code?: string } }).parent?.code,
    (err as { original?: { code?: string } }).original?.code,
  ];
  if (codes.some((code) => code !== undefined && UNAVAILABLE_CODES.has(code))) return true;
  return /connection (?:is in closed state|lost)|Can't add new command when connection is in closed state/i.test(err.message);
}
