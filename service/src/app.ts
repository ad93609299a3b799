import express, { type Express } from 'express';
import type { ReplayGuard } from './db/replay-guard';
import type { Logger } from './logger';
import type { CustomerService } from './services/customers/customer-service';
import type { InvoiceService } from './services/invoices/invoice-service';
import type { OutboxService } from './services/outbox/outbox-service';
import type { InvoiceView } from './domain/billing/invoice-view';
import type { NotificationSummaryService } from './services/notifications/notification-summary-service';
import type { CompanySettingsService } from './services/settings/company-settings-service';
import { verifySignature } from './http/auth/signature-middleware';
import { bodyErrors, parseJsonBody, rawBody } from './http/body';
import { connectionRoutes } from './http/connection/connection.routes';
import { customersRoutes } from './http/customers/customers.routes';
import { invoicesRoutes } from './http/invoices/invoices.routes';
import { seriesRoutes } from './http/invoices/series.routes';
import { databaseUnavailable, errorMiddleware, routeNotFound } from './http/error-middleware';
import { healthRoutes, type DatabaseProbe } from './http/health/health.routes';
import { notificationsRoutes } from './http/notifications/notifications.routes';
import { requestContext } from './http/request-context';
import { settingsRoutes } from './http/settings/settings.routes';
import { recurringRoutes } from './http/recurring/recurring.routes';
import type { RecurringTemplateService } from './services/recurring/recurring-template-service';
import type { MrrService } from './services/recurring/mrr-service';
import './http/types';

export interface AppDeps {
  logger: Logger;
  secret: string;
  version: string;
  now: () => Date;
  database: DatabaseProbe;
  replayGuard: ReplayGuard;
  services: {
    companySettings: CompanySettingsService;
    notifications: NotificationSummaryService;
    customers: CustomerService;
    invoices: InvoiceService;
    outbox: OutboxService;
    invoicePdf: (invoice: InvoiceView) => Promise<Buffer>;
    recurringTemplates: RecurringTemplateService;
    mrr: MrrService;
  };
}

/** Builds the HTTP app from its dependencies; no I/O happens here. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use(requestContext(deps.logger));
  app.use(healthRoutes({ database: deps.database }));

  app.use(rawBody());
  app.use(bodyErrors);
  // Until migrations have run, every signed route would fail on missing tables: say so plainly.
  app.use((_req, _res, next) => {
    if (!deps.database.isReady()) throw databaseUnavailable();
    next();
  });
  app.use(verifySignature({ secret: deps.secret, replayGuard: deps.replayGuard, now: deps.now }));
  app.use(parseJsonBody);

  app.use(connectionRoutes({ version: deps.version, now: deps.now }));
  app.use(settingsRoutes({ companySettings: deps.services.companySettings }));
  app.use(notificationsRoutes({ notifications: deps.services.notifications }));
  app.use(customersRoutes({ customers: deps.services.customers }));
  app.use(seriesRoutes({ invoices: deps.services.invoices }));
  app.use(invoicesRoutes({ invoices: deps.services.invoices, outbox: deps.services.outbox, invoicePdf: deps.services.invoicePdf }));

  app.use(recurringRoutes({ templates: deps.services.recurringTemplates, mrr: deps.services.mrr }));

  app.use(routeNotFound);
  app.use(errorMiddleware);
  return app;
}
