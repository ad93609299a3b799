export { ContactList } from './component';
