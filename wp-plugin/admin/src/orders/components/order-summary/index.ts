export { OrderSummary } from './component';
