export { CompanyPanel } from './component';
