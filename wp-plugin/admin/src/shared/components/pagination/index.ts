export { Pagination } from './component';
