export { InvoiceDelivery } from './component';
