export { CustomerList } from './component';
