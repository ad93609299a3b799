export { SearchBox } from './component';
