export { RecurringPage } from './component';
