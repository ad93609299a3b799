export { InvoiceTotals } from './component';
