export { InvoiceLinesEditor } from './component';
