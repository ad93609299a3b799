export { OriginalInvoicePicker } from './component';
