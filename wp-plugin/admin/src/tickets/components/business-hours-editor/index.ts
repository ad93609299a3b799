export { BusinessHoursEditor } from './component';
