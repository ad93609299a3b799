export { DepartmentsScreen } from './component';
