export { OrderList } from './component';
