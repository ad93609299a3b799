export { CustomerEditor } from './component';
