export { ConnectionTest } from './component';
