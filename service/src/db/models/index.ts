import type { Sequelize } from 'sequelize';
import { initCompanySettingsModel } from './company-settings.model';
import { initContactModel } from './contact.model';
import { initInvoiceCounterModel } from './invoice-counter.model';
import { initInvoiceLineModel } from './invoice-line.model';
import { initInvoiceSeriesModel } from './invoice-series.model';
import { initInvoiceModel } from './invoice.model';
import { initJobLeaseModel, initOutboxModel } from './outbox.model';
import { initListMemberModel, initMarketingListModel } from './list.model';
import { initMrrEventModel, initRecurringPeriodModel, initRecurringTemplateModel } from './recurring.model';
import { initRequestNonceModel } from './request-nonce.model';
import { initStoreMailRejectModel, initStoreModel, initStoreOrderModel, initStoreWebhookDeliveryModel } from './store.model';
import {
  initContactSubmissionModel,
  initDepartmentModel,
  initInboundMailFailureModel,
  initMailboxStateModel,
  initTicketAttachmentModel,
  initTicketMessageModel,
  initTicketModel,
} from './ticket.model';
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
    Store: initStoreModel(sequelize),
    StoreOrder: initStoreOrderModel(sequelize),
    StoreWebhookDelivery: initStoreWebhookDeliveryModel(sequelize),
    StoreMailReject: initStoreMailRejectModel(sequelize),
    Department: initDepartmentModel(sequelize),
    Ticket: initTicketModel(sequelize),
    TicketMessage: initTicketMessageModel(sequelize),
    TicketAttachment: initTicketAttachmentModel(sequelize),
    ContactSubmission: initContactSubmissionModel(sequelize),
    MailboxState: initMailboxStateModel(sequelize),
    InboundMailFailure: initInboundMailFailureModel(sequelize),
    MarketingList: initMarketingListModel(sequelize),
    ListMember: initListMemberModel(sequelize),
  };
}

export type Models = ReturnType<typeof initModels>;
