export { UninstallPanel } from './component';
