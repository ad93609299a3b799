export { Party } from './component';
