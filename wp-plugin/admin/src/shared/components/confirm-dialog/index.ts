export { ConfirmDialog } from './component';
