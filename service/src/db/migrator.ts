import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import type { Logger } from '../logger';
import { migrations } from './migrations';

const LOCK_TABLE = 'cuadra_migrations_lock';
const LOCK_TTL_MS = 120_000;

export interface MigrateOptions {
  sequelize: Sequelize;
  logger: Logger;
  /** How long to wait for another instance that holds the lock. */
  waitMs?: number;
  now?: () => Date;
}

export function createUmzug(sequelize: Sequelize, logger?: Logger) {
  return new Umzug({
    migrations: migrations.map((m) => ({ name: m.name, up: m.up, down: m.down })),
    context: sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize, tableName: 'cuadra_migrations' }),
    logger: logger
      ? {
          info: (e) => logger.info(e, 'migration'),
          warn: (e) => logger.warn(e, 'migration'),
          error: (e) => logger.error(e, 'migration'),
          debug: () => undefined,
        }
      : undefined,
  });
}

// The lock table lives outside the migrations, like knex's migrations_lock: it must exist before
// any migration runs so that two instances starting together run each migration once.
async function ensureLockTable(sequelize: Sequelize): Promise<void> {
  await sequelize.query(
    `CREATE TABLE IF NOT EXISTS ${LOCK_TABLE} (id VARCHAR(32) NOT NULL PRIMARY KEY, holder VARCHAR(64) NOT NULL, expires_at BIGINT NOT NULL)`,
  );
}

async function tryTakeLock(sequelize: Sequelize, holder: string, nowMs: number): Promise<boolean> {
  try {
    await sequelize.query(`INSERT INTO ${LOCK_TABLE} (id, holder, expires_at) VALUES ('migrations', ?, ?)`, {
      replacements: [holder, nowMs + LOCK_TTL_MS],
    });
    return true;
  } catch (err) {
    if ((err as Error).name !== 'SequelizeUniqueConstraintError') throw err;
  }
  // Someone holds it; take it over only if their lease ran out (a crashed instance).
  await sequelize.query(`UPDATE ${LOCK_TABLE} SET holder = ?, expires_at = ? WHERE id = 'migrations' AND expires_at < ?`, {
    replacements: [holder, nowMs + LOCK_TTL_MS, nowMs],
  });
  const rows = await sequelize.query<{ holder: string }>(`SELECT holder FROM ${LOCK_TABLE} WHERE id = 'migrations'`, {
    type: QueryTypes.SELECT,
  });
  return rows[0]?.holder === holder;
}

/** Runs pending migrations under a lock shared by every instance on the same database. */
export async function migrateToLatest({ sequelize, logger, waitMs = 60_000, now = () => new Date() }: MigrateOptions): Promise<string[]> {
  await ensureLockTable(sequelize);
  const holder = randomUUID();
  const deadline = now().getTime() + waitMs;
  while (!(await tryTakeLock(sequelize, holder, now().getTime()))) {
    if (now().getTime() > deadline) throw new Error('Timed out waiting for another instance to finish migrations');
    await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
  }
  try {
    const applied = await createUmzug(sequelize, logger).up();
    return applied.map((m) => m.name);
  } finally {
    await sequelize.query(`DELETE FROM ${LOCK_TABLE} WHERE id = 'migrations' AND holder = ?`, { replacements: [holder] });
  }
}
