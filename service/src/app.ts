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
import type { OrderMailbox } from './services/orders/order-mailbox';
import type { OrderService } from './services/orders/order-service';
import type { OrderSync } from './services/orders/order-sync';
import type { StoreService } from './services/orders/store-service';
import type { StorePush } from './services/orders/store-push';
import type { StoreWebhook } from './services/orders/store-webhook';
import { ordersRoutes } from './http/orders/orders.routes';
import { storesRoutes } from './http/orders/stores.routes';
import type { DepartmentService } from './services/tickets/department-service';
import type { SubmissionService } from './services/tickets/submission-service';
import type { SupportMailboxService } from './services/tickets/support-mailbox-service';
import type { TicketService } from './services/tickets/ticket-service';
import { REPLY_BODY_LIMIT_BYTES } from './services/tickets/ticket-models';
import { contactSubmissionsRoutes } from './http/tickets/contact-submissions.routes';
import { departmentsRoutes } from './http/tickets/departments.routes';
import { ticketsRoutes } from './http/tickets/tickets.routes';
import type { ContactPrivacyService } from './services/lists/contact-privacy-service';
import type { ListService } from './services/lists/list-service';
import type { ListSignups } from './services/lists/list-signups';
import { contactsPrivacyRoutes } from './http/lists/contacts-privacy.routes';
import { listActionsRoutes } from './http/lists/list-actions.routes';
import { listsRoutes } from './http/lists/lists.routes';
import type { ContactService } from './services/contacts/contact-service';
import { contactsRoutes } from './http/contacts/contacts.routes';
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
    stores: StoreService;
    orderSync: OrderSync;
    orders: OrderService;
    storeWebhook: StoreWebhook;
    storePush: StorePush;
    orderMailbox: OrderMailbox;
    departments: DepartmentService;
    tickets: TicketService;
    submissions: SubmissionService;
    supportMailbox: SupportMailboxService;
    listSignups: ListSignups;
    lists: ListService;
    contactPrivacy: ContactPrivacyService;
    contacts: ContactService;
  };
}

/** Builds the HTTP app from its dependencies; no I/O happens here. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use(requestContext(deps.logger));
  app.use(healthRoutes({ database: deps.database }));

  // Replies carry attachments (base64 in JSON): a larger body only on that route.
  app.use('/tickets/:id/replies', rawBody(REPLY_BODY_LIMIT_BYTES));
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
  app.use(
    storesRoutes({
      stores: deps.services.stores,
      sync: deps.services.orderSync,
      orders: deps.services.orders,
      webhook: deps.services.storeWebhook,
      mailbox: deps.services.orderMailbox,
      push: deps.services.storePush,
    }),
  );
  app.use(ordersRoutes({ orders: deps.services.orders }));
  app.use(departmentsRoutes({ departments: deps.services.departments }));
  app.use(contactSubmissionsRoutes({ submissions: deps.services.submissions }));
  app.use(ticketsRoutes({ tickets: deps.services.tickets, mailbox: deps.services.supportMailbox }));
  app.use(listsRoutes({ lists: deps.services.lists }));
  app.use(listActionsRoutes({ signups: deps.services.listSignups }));
  app.use(contactsPrivacyRoutes({ privacy: deps.services.contactPrivacy }));
  // After the privacy routes: /contacts/personal-data is theirs, not a contact id.
  app.use(contactsRoutes({ contacts: deps.services.contacts }));

  app.use(routeNotFound);
  app.use(errorMiddleware);
  return app;
}
