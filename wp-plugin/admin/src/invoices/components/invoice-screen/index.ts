export { InvoiceScreen } from './component';
