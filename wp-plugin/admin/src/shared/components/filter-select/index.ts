export { FilterSelect } from './component';
