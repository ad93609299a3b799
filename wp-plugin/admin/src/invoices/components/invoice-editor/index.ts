export { InvoiceEditor, fieldSlot } from './component';
