export { ContactsScreen } from './component';
