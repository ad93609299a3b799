import { QueryTypes, type Model, type ModelStatic } from 'sequelize';
import { createSequelize } from '../../service/src/db/database';
import { migrateToLatest } from '../../service/src/db/migrator';
import { migrations } from '../../service/src/db/migrations';
import { initModels } from '../../service/src/db/models';
import { createLogger } from '../../service/src/logger';
import { createTestDatabase, type TestDatabase } from '../harness/database';

const logger = createLogger('silent');

describe('migrations', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await db.drop();
  });

  it('are named by timestamp, unique and in order (append-only)', () => {
    const names = migrations.map((m) => m.name);
    for (const name of names) expect(name).toMatch(/^\d{14}-[a-z0-9-]+$/);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(names);
  });

  it('produce exactly the columns the models declare', async () => {
    const sequelize = createSequelize(db.url);
    try {
      await migrateToLatest({ sequelize, logger });
      const models = initModels(sequelize);
      const qi = sequelize.getQueryInterface();
      for (const model of Object.values(models) as ModelStatic<Model>[]) {
        const table = await qi.describeTable(model.getTableName() as string);
        const modelColumns = Object.values(model.getAttributes())
          .map((a) => a.field ?? '')
          .sort();
        expect({ table: model.getTableName(), columns: Object.keys(table).sort() }).toEqual({
          table: model.getTableName(),
          columns: modelColumns,
        });
        for (const [name, attribute] of Object.entries(model.getAttributes())) {
          const column = table[attribute.field ?? name]!;
          if (attribute.primaryKey) continue; // SQLite reports INTEGER PRIMARY KEY as nullable; keys are checked by the column list
          expect({ column: name, allowNull: column.allowNull }).toEqual({ column: name, allowNull: attribute.allowNull !== false });
        }
      }
    } finally {
      await sequelize.close();
    }
  });

  it('run each migration once when several instances start together, and are a no-op afterwards', async () => {
    const instances = Array.from({ length: 3 }, () => createSequelize(db.url));
    try {
      const results = await Promise.all(instances.map((sequelize) => migrateToLatest({ sequelize, logger })));
      const applied = results.flat().sort();
      expect(applied).toEqual(migrations.map((m) => m.name).sort());
      const rows = await instances[0]!.query<{ name: string }>('SELECT name FROM cuadra_migrations', { type: QueryTypes.SELECT });
      expect(rows.map((r) => r.name).sort()).toEqual(migrations.map((m) => m.name).sort());
      expect(await migrateToLatest({ sequelize: instances[1]!, logger })).toEqual([]);
    } finally {
      await Promise.all(instances.map((s) => s.close()));
    }
  });

  it('take over the lock of an instance that crashed while migrating', async () => {
    const sequelize = createSequelize(db.url);
    try {
      await sequelize.query(
        'CREATE TABLE IF NOT EXISTS cuadra_migrations_lock (id VARCHAR(32) NOT NULL PRIMARY KEY, holder VARCHAR(64) NOT NULL, expires_at BIGINT NOT NULL)',
      );
      await sequelize.query("INSERT INTO cuadra_migrations_lock (id, holder, expires_at) VALUES ('migrations', 'crashed-instance', ?)", {
        replacements: [Date.now() - 1000],
      });
      const applied = await migrateToLatest({ sequelize, logger, waitMs: 5000 });
      expect(applied).toHaveLength(migrations.length);
    } finally {
      await sequelize.close();
    }
  });

  it('wait for a live lock instead of running alongside it', async () => {
    const sequelize = createSequelize(db.url);
    try {
      await sequelize.query(
        'CREATE TABLE IF NOT EXISTS cuadra_migrations_lock (id VARCHAR(32) NOT NULL PRIMARY KEY, holder VARCHAR(64) NOT NULL, expires_at BIGINT NOT NULL)',
      );
      await sequelize.query("INSERT INTO cuadra_migrations_lock (id, holder, expires_at) VALUES ('migrations', 'busy-instance', ?)", {
        replacements: [Date.now() + 60_000],
      });
      await expect(migrateToLatest({ sequelize, logger, waitMs: 800 })).rejects.toThrow(/another instance/);
    } finally {
      await sequelize.close();
    }
  });
});
