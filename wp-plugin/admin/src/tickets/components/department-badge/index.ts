export { DepartmentBadge } from './component';
