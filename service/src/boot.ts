import type { Server } from 'node:http';
import { createApp } from './app';
import { loadConfig, type Config } from './config';
import { createCompanySettingsRepository } from './db/company-settings-repository';
import { createCustomerRepository } from './db/customer-repository';
import { createInvoiceRepository } from './db/invoice-repository';
import { createSequelize, tuneDatabase } from './db/database';
import { migrateToLatest } from './db/migrator';
import { initModels } from './db/models';
import { createReplayGuard } from './db/replay-guard';
import { createLogger, describeDatabaseUrl, type Logger } from './logger';
import { resolveSharedSecret } from './secret';
import { createCustomerService } from './services/customers/customer-service';
import { createInvoiceService } from './services/invoices/invoice-service';
import { createNotificationSummaryService } from './services/notifications/notification-summary-service';
import { createCompanySettingsService } from './services/settings/company-settings-service';
import { SERVICE_VERSION } from './version';

/** The composition root: the only place real adapters are built and wired. */
export function composeService(config: Config, logger: Logger = createLogger(config.LOG_LEVEL)) {
  const now = () => new Date();
  const sequelize = createSequelize(config.DATABASE_URL);
  const models = initModels(sequelize);
  const { secret, source: secretSource } = resolveSharedSecret(config.CUADRA_SECRET, config.CUADRA_DATA_DIR);

  let migrated = false;
  const database = {
    isReady: () => migrated,
    ping: async () => {
      await sequelize.query('SELECT 1');
    },
  };

  const companySettingsRepository = createCompanySettingsRepository(models.CompanySettings);
  const customerRepository = createCustomerRepository(models.Contact);
  const services = {
    companySettings: createCompanySettingsService({
      companySettings: companySettingsRepository,
      defaultTimezone: config.CUADRA_TIMEZONE,
    }),
    notifications: createNotificationSummaryService({ sources: [] }),
    customers: createCustomerService({ customers: customerRepository }),
    invoices: createInvoiceService({
      sequelize,
      models,
      invoices: createInvoiceRepository(models),
      customers: customerRepository,
      companySettings: companySettingsRepository,
      now,
      defaultTimezone: config.CUADRA_TIMEZONE,
      verifactuEnvironment: config.CUADRA_VERIFACTU_ENVIRONMENT,
    }),
  };
  const app = createApp({
    logger,
    secret,
    version: SERVICE_VERSION,
    now,
    database,
    replayGuard: createReplayGuard(models.RequestNonce, now),
    services,
  });

  let stopping = false;
  /** Migrates, retrying with backoff while the database is down, so the process never needs a restart. */
  async function prepareDatabase(): Promise<void> {
    for (let attempt = 1; !stopping; attempt++) {
      try {
        await tuneDatabase(sequelize);
        const applied = await migrateToLatest({ sequelize, logger });
        migrated = true;
        logger.info({ applied }, 'database ready');
        return;
      } catch (err) {
        const delay = Math.min(30_000, 500 * 2 ** Math.min(attempt, 6));
        logger.warn({ err: { name: (err as Error).name, message: (err as Error).message }, retry_in_ms: delay }, 'database not ready');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  let server: Server | undefined;
  return {
    app,
    services,
    sequelize,
    secret,
    database,
    prepareDatabase,
    async start(): Promise<Server> {
      logger.info({ database: describeDatabaseUrl(config.DATABASE_URL), secret_from: secretSource, version: SERVICE_VERSION }, 'starting');
      const ready = prepareDatabase();
      server = await new Promise<Server>((resolve, reject) => {
        const s = app.listen(config.PORT, config.HOST, () => resolve(s));
        s.once('error', reject);
      });
      const address = server.address();
      logger.info({ host: config.HOST, port: typeof address === 'object' && address ? address.port : config.PORT }, 'listening');
      void ready;
      return server;
    },
    async stop(): Promise<void> {
      stopping = true;
      if (server) {
        const closing = new Promise<void>((resolve) => server!.close(() => resolve()));
        server.closeIdleConnections();
        // In-flight requests get a few seconds to finish; then remaining sockets are cut.
        const forced = setTimeout(() => server!.closeAllConnections(), 10_000);
        await closing;
        clearTimeout(forced);
      }
      await sequelize.close();
    },
  };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(78); // EX_CONFIG
  }
  const logger = createLogger(config.LOG_LEVEL);
  const service = composeService(config, logger);
  await service.start();
  let shuttingDown = false;
  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down');
    service.stop().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`Cuadra service failed to start: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}
