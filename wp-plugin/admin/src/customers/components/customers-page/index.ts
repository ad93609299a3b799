export { CustomersPage } from './component';
