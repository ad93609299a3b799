export { RecurringEditor } from './component';
