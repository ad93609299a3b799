export { RecurringScreen } from './component';
