export { ConnectionStatusCard } from './component';
