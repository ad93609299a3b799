export { CustomerScreen } from './component';
