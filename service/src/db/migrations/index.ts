import type { Migration } from '../migration';
import { migration as createRequestNonces } from './20261127080000-create-request-nonces';
import { migration as createSettings } from './20261127080100-create-settings';
import { migration as createContacts } from './20261127090000-create-contacts';
import { migration as createInvoiceSeries } from './20261127091000-create-invoice-series';
import { migration as createInvoiceCounters } from './20261127091100-create-invoice-counters';
import { migration as createInvoices } from './20261127091200-create-invoices';
import { migration as createInvoiceLines } from './20261127091300-create-invoice-lines';
import { migration as createVerifactuRecords } from './20261127091400-create-verifactu-records';
import { migration as createVerifactuChainHeads } from './20261127091500-create-verifactu-chain-heads';
import { migration as createJobLeases } from './20261127100000-create-job-leases';
import { migration as createOutbox } from './20261127100100-create-outbox';
import { migration as addInvoiceExternalTaxTotals } from './20261127101000-add-invoice-external-tax-totals';
import { migration as addInvoiceServicePeriod } from './20261127120000-add-invoice-service-period';
import { migration as createRecurringTemplates } from './20261127120100-create-recurring-templates';
import { migration as createRecurringPeriods } from './20261127120200-create-recurring-periods';
import { migration as createMrrEvents } from './20261127120300-create-mrr-events';
import { migration as addContactSource } from './20261127150000-add-contact-source';
import { migration as createDepartments } from './20261127150100-create-departments';
import { migration as createTickets } from './20261127150200-create-tickets';
import { migration as createTicketMessages } from './20261127150300-create-ticket-messages';
import { migration as createTicketAttachments } from './20261127150400-create-ticket-attachments';
import { migration as createContactSubmissions } from './20261127150500-create-contact-submissions';
import { migration as createMailboxStates } from './20261127150600-create-mailbox-states';
import { migration as createInboundMailFailures } from './20261127150700-create-inbound-mail-failures';
import { migration as createStores } from './20261128090000-create-stores';
import { migration as createStoreOrders } from './20261128090100-create-store-orders';
import { migration as createStoreWebhookDeliveries } from './20261128090200-create-store-webhook-deliveries';
import { migration as createStoreMailRejects } from './20261128090300-create-store-mail-rejects';

import { migration as addCompanyPaymentDetails } from './20261128100000-add-company-payment-details';
import { migration as indexMrrEventsByCustomer } from './20261128150000-index-mrr-events-by-customer';
import { migration as createLists } from './20261128140000-create-lists';
import { migration as createListMembers } from './20261128140100-create-list-members';
import { migration as addStoreKind } from './20261128160000-add-store-kind';
import { migration as addStorePushLastReceivedAt } from './20261128160100-add-store-push-last-received-at';
import { migration as addStoreSameSiteKey } from './20261128160200-add-store-same-site-key';
import { migration as addStoreOrderPushedRefunds } from './20261128160300-add-store-order-pushed-refunds';
// Append-only: a shipped migration is never edited; a change is a new file added at the end.
export const migrations: Migration[] = [
  createRequestNonces,
  createSettings,
  createContacts,
  createInvoiceSeries,
  createInvoiceCounters,
  createInvoices,
  createInvoiceLines,
  createVerifactuRecords,
  createVerifactuChainHeads,
  createJobLeases,
  createOutbox,
  addInvoiceExternalTaxTotals,
  addInvoiceServicePeriod,
  createRecurringTemplates,
  createRecurringPeriods,
  createMrrEvents,
  addContactSource,
  createDepartments,
  createTickets,
  createTicketMessages,
  createTicketAttachments,
  createContactSubmissions,
  createMailboxStates,
  createInboundMailFailures,
  createStores,
  createStoreOrders,
  createStoreWebhookDeliveries,
  createStoreMailRejects,
  addCompanyPaymentDetails,
  createLists,
  createListMembers,
  indexMrrEventsByCustomer,
  addStoreKind,
  addStorePushLastReceivedAt,
  addStoreSameSiteKey,
  addStoreOrderPushedRefunds,
];
