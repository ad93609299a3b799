export { DepartmentEditor } from './component';
