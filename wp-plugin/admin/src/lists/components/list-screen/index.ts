export { ListScreen } from './component';
