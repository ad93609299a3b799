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
import { createInvoiceService, type InvoiceService } from './services/invoices/invoice-service';
import { invoiceEmailComposer } from './services/invoices/invoice-email';
import { createOutboxService } from './services/outbox/outbox-service';
import { createSmtpMailer } from './adapters/mail/smtp-mailer';
import type { Mailer } from './adapters/mail/mailer';
import { createJobLeases } from './db/job-leases';
import { createChromiumPdfRenderer } from './adapters/pdf';
import { renderInvoiceHtml } from './documents/invoice-html';
import { invoiceDocumentOf } from './services/invoices/invoice-document-mapper';
import type { InvoiceView } from './domain/billing/invoice-view';
import { startJobs, type JobRunner } from './jobs/job-runner';
import { sendOutboxJob } from './jobs/send-outbox.job';
import { createNotificationSummaryService } from './services/notifications/notification-summary-service';
import { createCompanySettingsService } from './services/settings/company-settings-service';
import { SERVICE_VERSION } from './version';
import { createBillingRun } from './services/recurring/billing-run';
import { createMrrService } from './services/recurring/mrr-service';
import { createRecurringTemplateService } from './services/recurring/recurring-template-service';
import { issueRecurringInvoicesJob } from './jobs/issue-recurring-invoices.job';
import { createCredentialCipher } from './adapters/crypto/credential-cipher';
import { createWooCommerceClientFactory } from './adapters/woocommerce/woocommerce-client';
import { createStoreOrderRepository } from './db/orders/store-order-repository';
import { readOrderMailboxJob } from './jobs/read-order-mailbox.job';
import { syncOrdersJob } from './jobs/sync-orders.job';
import { orderNotificationSource } from './services/orders/order-notifications';
import { createOrderMailbox } from './services/orders/order-mailbox';
import { createOrderService } from './services/orders/order-service';
import { createOrderSync } from './services/orders/order-sync';
import { createStoreService } from './services/orders/store-service';
import { createStorePush } from './services/orders/store-push';
import { createStoreWebhook } from './services/orders/store-webhook';
import { createImapMailboxReader } from './adapters/mail/imap-mailbox';
import { readSupportMailboxJob } from './jobs/read-support-mailbox.job';
import { createDepartmentService } from './services/tickets/department-service';
import { createSubmissionService } from './services/tickets/submission-service';
import { createSupportMailboxService } from './services/tickets/support-mailbox-service';
import { ticketMailComposers } from './services/tickets/ticket-mail-composers';
import { addressOf, ticketMailSecret, type SupportMailSettings } from './services/tickets/ticket-models';
import { createTicketService } from './services/tickets/ticket-service';
import { createContactPrivacyService } from './services/lists/contact-privacy-service';
import { listMailComposers } from './services/lists/list-mail-composers';
import { createListService } from './services/lists/list-service';
import { createListSignups } from './services/lists/list-signups';
import { createContactService } from './services/contacts/contact-service';

/** The composition root: the only place real adapters are built and wired. */
export function composeService(config: Config, logger: Logger = createLogger(config.LOG_LEVEL), overrides: { now?: () => Date } = {}) {
  const now = overrides.now ?? (() => new Date());
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

  const mailer: Mailer = config.SMTP_HOST
    ? createSmtpMailer({
        host: config.SMTP_HOST,
        port: config.SMTP_PORT,
        security: config.SMTP_SECURITY,
        user: config.SMTP_USER,
        password: config.SMTP_PASSWORD,
      })
    : {
        send: () => Promise.reject(new Error('SMTP is not configured (SMTP_HOST); the e-mail waits in the outbox.')),
        close: () => undefined,
      };
  let jobs: JobRunner | undefined;
  // The invoice service and the outbox refer to each other (issuing enqueues; sending reads the invoice).
  const companySettingsRepository = createCompanySettingsRepository(models.CompanySettings);
  const invoiceRef: { current?: InvoiceService } = {};
  // Chromium starts on the first PDF, not at boot: most requests never need it.
  const pdfRenderer = createChromiumPdfRenderer({ executablePath: config.CUADRA_CHROMIUM_PATH, poolSize: config.CUADRA_PDF_POOL, logger });
  async function invoicePdf(invoice: InvoiceView): Promise<Buffer> {
    const company = await companySettingsRepository.find();
    const original = invoice.rectification
      ? await invoiceRef.current!.getInvoice(invoice.rectification.invoice_id).catch(() => null)
      : null;
    return pdfRenderer.render(await renderInvoiceHtml(invoiceDocumentOf(invoice, company?.logo ?? null, original)));
  }
  const supportAddress = config.SUPPORT_EMAIL ?? addressOf(config.MAIL_FROM);
  const ticketMail: SupportMailSettings = {
    from: config.MAIL_FROM,
    supportAddress,
    messageIdDomain: supportAddress.slice(supportAddress.lastIndexOf('@') + 1) || 'localhost',
    secret: ticketMailSecret(secret),
  };
  // List e-mail links point at the WordPress site; tokens are sealed with a key derived from the shared secret.
  const listCipher = createCredentialCipher(secret);
  // The mailto is offered only when the support mailbox is read: otherwise nobody would act on the request.
  const listMail = {
    from: config.MAIL_FROM,
    unsubscribeMailto: config.SUPPORT_IMAP_HOST ? supportAddress : null,
    publicUrl: config.CUADRA_PUBLIC_URL ?? null,
  };
  const outbox = createOutboxService({
    model: models.Outbox,
    mailer,
    now,
    logger,
    messageIdDomain: /@([^>\s]+)/.exec(config.MAIL_FROM)?.[1] ?? 'localhost',
    composers: {
      invoice_email: invoiceEmailComposer({
        getInvoice: (id) => invoiceRef.current!.getInvoice(id),
        renderPdf: invoicePdf,
        from: config.MAIL_FROM,
      }),
      ...ticketMailComposers({ models, mail: ticketMail, companySettings: companySettingsRepository }),
      ...listMailComposers({ models, cipher: listCipher, settings: listMail }),
    },
  });
  const customerRepository = createCustomerRepository(models.Contact);
  const queueMail = () => void jobs?.trigger('send-outbox');
  const departments = createDepartmentService({ sequelize, models, now });
  const tickets = createTicketService({
    sequelize,
    models,
    outbox,
    mail: ticketMail,
    companySettings: companySettingsRepository,
    defaultTimezone: config.CUADRA_TIMEZONE,
    now,
    onMailQueued: queueMail,
  });
  const listSignups = createListSignups({ sequelize, models, outbox, cipher: listCipher, logger, now, onMailQueued: queueMail });
  const lists = createListService({ sequelize, models, signups: listSignups, logger, now, onMailQueued: queueMail });
  const contactPrivacy = createContactPrivacyService({ sequelize, models, logger, now });
  const submissions = createSubmissionService({ sequelize, models, departments, tickets, listSignups, now, onMailQueued: queueMail });
  const supportMailbox = createSupportMailboxService({
    sequelize,
    models,
    tickets,
    departments,
    mail: ticketMail,
    ownAddresses: [supportAddress, addressOf(config.MAIL_FROM)],
    listSignups,
    reader: config.SUPPORT_IMAP_HOST
      ? createImapMailboxReader({
          host: config.SUPPORT_IMAP_HOST,
          port: config.SUPPORT_IMAP_PORT,
          security: config.SUPPORT_IMAP_SECURITY,
          user: config.SUPPORT_IMAP_USER ?? supportAddress,
          password: config.SUPPORT_IMAP_PASSWORD ?? '',
          folder: config.SUPPORT_IMAP_FOLDER,
        })
      : null,
    now,
    logger,
    onMailQueued: queueMail,
  });
  const services = {
    companySettings: createCompanySettingsService({
      companySettings: companySettingsRepository,
      defaultTimezone: config.CUADRA_TIMEZONE,
    }),
    notifications: createNotificationSummaryService({ sources: [tickets.notificationSource(), orderNotificationSource({ models })] }),
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
      outbox,
      onMailQueued: () => void jobs?.trigger('send-outbox'),
    }),
    outbox,
    invoicePdf,
  };
  invoiceRef.current = services.invoices;
  const recurringTemplates = createRecurringTemplateService({
    sequelize,
    models,
    invoices: services.invoices,
    customers: customerRepository,
    companySettings: companySettingsRepository,
    now,
    defaultTimezone: config.CUADRA_TIMEZONE,
    onScheduleChanged: () => void jobs?.trigger('issue-recurring-invoices'),
  });
  const billingRun = createBillingRun({ sequelize, models, invoices: services.invoices, customers: customerRepository, now, logger });
  const mrr = createMrrService({
    sequelize,
    models,
    companySettings: companySettingsRepository,
    now,
    defaultTimezone: config.CUADRA_TIMEZONE,
  });
  const stores = createStoreService({
    sequelize,
    models,
    cipher: createCredentialCipher(secret),
    wooClients: createWooCommerceClientFactory(),
    now,
  });
  const storeOrders = createStoreOrderRepository({ sequelize, models, now });
  const orderSync = createOrderSync({
    models,
    stores,
    orders: storeOrders,
    now,
    logger,
    onSyncRequested: () => void jobs?.trigger('sync-orders'),
  });
  const orders = createOrderService({
    models,
    orders: storeOrders,
    stores,
    sync: orderSync,
    invoices: services.invoices,
    customers: customerRepository,
    companySettings: companySettingsRepository,
    defaultTimezone: config.CUADRA_TIMEZONE,
    logger,
  });
  const storeWebhook = createStoreWebhook({ sequelize, models, stores, orders: storeOrders, sync: orderSync, now, logger });
  const orderMailbox = createOrderMailbox({
    sequelize,
    models,
    stores,
    orders: storeOrders,
    mailboxFor: createImapMailboxReader,
    reconcile: (storeId) => orders.reconcileStore(storeId),
    now,
    logger,
  });
  const storePush = createStorePush({ models, stores, orders: storeOrders, now, logger });
  const orderServices = { stores, orderSync, orders, storeWebhook, storePush, orderMailbox };
  const allServices = {
    ...services,
    ...orderServices,
    recurringTemplates,
    billingRun,
    mrr,
    departments,
    tickets,
    submissions,
    supportMailbox,
    listSignups,
    lists,
    contactPrivacy,
    contacts: createContactService({ sequelize, models, now }),
  };
  const app = createApp({
    logger,
    secret,
    version: SERVICE_VERSION,
    now,
    database,
    replayGuard: createReplayGuard(models.RequestNonce, now),
    services: allServices,
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
    services: allServices,
    sequelize,
    secret,
    database,
    prepareDatabase,
    async start(): Promise<Server> {
      logger.info({ database: describeDatabaseUrl(config.DATABASE_URL), secret_from: secretSource, version: SERVICE_VERSION }, 'starting');
      const ready = prepareDatabase().then(() => {
        if (stopping || config.CUADRA_JOBS === 'off') return;
        jobs = startJobs({
          jobs: [
            sendOutboxJob({ outbox }),
            issueRecurringInvoicesJob({ billingRun, schedule: config.CUADRA_BILLING_SCHEDULE }),
            syncOrdersJob({ sync: orderSync }),
            readOrderMailboxJob({ mailbox: orderMailbox }),
            ...(config.SUPPORT_IMAP_HOST
              ? [readSupportMailboxJob({ mailbox: supportMailbox, schedule: config.SUPPORT_MAILBOX_SCHEDULE })]
              : []),
          ],
          leases: createJobLeases(models.JobLease, now),
          logger,
        });
        // Whatever was queued or fell due before a stop or crash goes out now, not at the next tick.
        void jobs.trigger('send-outbox');
        void jobs.trigger('issue-recurring-invoices');
        void jobs.trigger('sync-orders');
        void jobs.trigger('read-support-mailbox');
      });
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
      await jobs?.stop();
      mailer.close();
      await pdfRenderer.close();
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
