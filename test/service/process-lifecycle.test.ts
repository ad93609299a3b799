import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { QueryTypes } from 'sequelize';
import { createSequelize } from '../../service/src/db/database';
import { migrations } from '../../service/src/db/migrations';
import { createTestDatabase } from '../harness/database';
import { startService } from '../harness/service-process';

const entry = path.resolve(__dirname, '..', '..', 'service', 'dist', 'boot.js');

describe('the service as a process', () => {
  it('starts twice at once on a fresh database, migrating once, and stops gracefully on SIGTERM', async () => {
    const db = await createTestDatabase();
    try {
      const [a, b] = await Promise.all([
        startService({ databaseUrl: db.url, logLevel: 'info' }),
        startService({ databaseUrl: db.url, logLevel: 'info' }),
      ]);
      const sequelize = createSequelize(db.url);
      try {
        const rows = await sequelize.query<{ name: string }>('SELECT name FROM cuadra_migrations', { type: QueryTypes.SELECT });
        expect(rows.map((r) => r.name).sort()).toEqual(migrations.map((m) => m.name).sort());
      } finally {
        await sequelize.close();
      }
      await Promise.all([a.stop(), b.stop()]);
      for (const service of [a, b]) {
        expect(service.exitStatus).toBe('exit code 0, signal null');
        expect(service.logs()).toContain('"msg":"shutting down"');
      }
    } finally {
      await db.drop();
    }
  }, 60_000);

  it('refuses to start with invalid configuration, naming the variable', () => {
    const run = spawnSync(process.execPath, [entry], {
      env: { ...process.env, PORT: 'eighty', CUADRA_TIMEZONE: 'Mars/Olympus' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(78);
    expect(run.stderr).toContain('PORT');
    expect(run.stderr).toContain('CUADRA_TIMEZONE must be an IANA time zone');
  });

  it('requires a secret in production and never prints one', () => {
    const run = spawnSync(process.execPath, [entry], {
      env: { ...process.env, NODE_ENV: 'production', CUADRA_SECRET: '' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(78);
    expect(run.stderr).toContain('CUADRA_SECRET');
  });
});
