export { OrderRefunds } from './component';
