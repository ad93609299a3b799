export { InvoiceDetail } from './component';
