export { StatusBadge } from './component';
