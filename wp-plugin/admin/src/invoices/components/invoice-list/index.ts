export { InvoiceList } from './component';
