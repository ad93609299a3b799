export { ListEditor } from './component';
