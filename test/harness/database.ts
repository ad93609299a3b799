import { randomBytes } from 'node:crypto';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { makeTrackedTempDir, removeDirSync, track } from './cleanup';

export type DatabaseTarget = 'sqlite' | 'mariadb';

export interface TestDatabase {
  target: DatabaseTarget;
  /** What the service takes as DATABASE_URL. */
  url: string;
  /** MariaDB database name, or the SQLite file path. */
  name: string;
  drop(): Promise<void>;
}

/** Where the MariaDB server for tests lives; CI and the dev machines use root without a password on TCP. */
export interface MariaDbServer {
  host: string;
  port: number;
  user: string;
  password: string;
}

// Overridable so a stock Debian (root on socket auth only) can point tests at a TCP user.
export function mariaDbServer(): MariaDbServer {
  const url = new URL(process.env.CUADRA_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306');
  return {
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username || 'root'),
    password: decodeURIComponent(url.password),
  };
}

/** The database the service suite runs against: set per jest project by test/setup/db-*.ts. */
export function testDatabaseTarget(): DatabaseTarget {
  const value = process.env.CUADRA_TEST_DB ?? 'sqlite';
  if (value !== 'sqlite' && value !== 'mariadb') throw new Error(`CUADRA_TEST_DB must be sqlite or mariadb, got "${value}"`);
  return value;
}

/** A connection without a default database, for creating and dropping test databases. */
export async function connectToMariaDbServer(): Promise<mysql.Connection> {
  const server = mariaDbServer();
  return mysql.createConnection({ ...server, charset: 'utf8mb4', connectTimeout: 5000 });
}

export function mariaDbUrl(database: string): string {
  const s = mariaDbServer();
  const auth = s.password ? `${encodeURIComponent(s.user)}:${encodeURIComponent(s.password)}` : encodeURIComponent(s.user);
  return `mysql://${auth}@${s.host}:${s.port}/${database}`;
}

/** A brand-new, empty database that only this caller uses; `drop()` removes every trace of it. */
export async function createTestDatabase(target: DatabaseTarget = testDatabaseTarget()): Promise<TestDatabase> {
  return target === 'mariadb' ? createMariaDbDatabase() : createSqliteDatabase();
}

async function createMariaDbDatabase(): Promise<TestDatabase> {
  // Random names let parallel jest workers and leftover runs never collide.
  const name = `cuadra_t_${randomBytes(6).toString('hex')}`;
  const connection = await connectToMariaDbServer();
  try {
    await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await connection.end();
  }
  const forget = track({ kind: 'mariadb-database', name, server: mariaDbServer() });
  let dropped = false;
  return {
    target: 'mariadb',
    url: mariaDbUrl(name),
    name,
    async drop() {
      if (dropped) return;
      dropped = true;
      const c = await connectToMariaDbServer();
      try {
        await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await c.end();
      }
      forget();
    },
  };
}

async function createSqliteDatabase(): Promise<TestDatabase> {
  const { dir, release: forget } = await makeTrackedTempDir('sqlite');
  const file = path.join(dir, 'cuadra.sqlite');
  return {
    target: 'sqlite',
    url: `sqlite:${file}`,
    name: file,
    async drop() {
      removeDirSync(dir);
      forget();
    },
  };
}
