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

import { migration as addCompanyPaymentDetails } from './20261128100000-add-company-payment-details';
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
  addCompanyPaymentDetails,
];
