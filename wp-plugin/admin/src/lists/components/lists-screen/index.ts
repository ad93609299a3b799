export { ListsScreen } from './component';
