export { OrderScreen } from './component';
