export { OrdersPage } from './component';
