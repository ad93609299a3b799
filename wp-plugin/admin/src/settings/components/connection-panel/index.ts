export { ConnectionPanel } from './component';
