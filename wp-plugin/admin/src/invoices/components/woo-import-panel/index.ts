export { WooImportPanel } from './component';
