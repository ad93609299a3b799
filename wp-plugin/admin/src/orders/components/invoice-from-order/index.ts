export { InvoiceFromOrder } from './component';
