export { HomePage } from './component';
