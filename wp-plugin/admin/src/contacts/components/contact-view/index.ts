export { ContactView } from './component';
