export { InvoicesPage } from './component';
