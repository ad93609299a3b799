export { RecurringList } from './component';
