import type { Sequelize } from 'sequelize';
import { initCompanySettingsModel } from './company-settings.model';
import { initContactModel } from './contact.model';
import { initInvoiceCounterModel } from './invoice-counter.model';
import { initInvoiceLineModel } from './invoice-line.model';
import { initInvoiceSeriesModel } from './invoice-series.model';
import { initInvoiceModel } from './invoice.model';
import { initJobLeaseModel, initOutboxModel } from './outbox.model';
import { initMrrEventModel, initRecurringPeriodModel, initRecurringTemplateModel } from './recurring.model';
import { initRequestNonceModel } from './request-nonce.model';
import { initVerifactuChainHeadModel, initVerifactuRecordModel } from './verifactu-record.model';

/** Registers every model on the instance; the models-vs-migrations test walks this list. */
export function initModels(sequelize: Sequelize) {
  return {
    CompanySettings: initCompanySettingsModel(sequelize),
    RequestNonce: initRequestNonceModel(sequelize),
    Contact: initContactModel(sequelize),
    InvoiceSeries: initInvoiceSeriesModel(sequelize),
    InvoiceCounter: initInvoiceCounterModel(sequelize),
    Invoice: initInvoiceModel(sequelize),
    InvoiceLine: initInvoiceLineModel(sequelize),
    VerifactuRecord: initVerifactuRecordModel(sequelize),
    VerifactuChainHead: initVerifactuChainHeadModel(sequelize),
    Outbox: initOutboxModel(sequelize),
    JobLease: initJobLeaseModel(sequelize),
    RecurringTemplate: initRecurringTemplateModel(sequelize),
    RecurringPeriod: initRecurringPeriodModel(sequelize),
    MrrEvent: initMrrEventModel(sequelize),
  };
}

export type Models = ReturnType<typeof initModels>;
