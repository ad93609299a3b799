export { ListTable, type ListTableColumn } from './component';
