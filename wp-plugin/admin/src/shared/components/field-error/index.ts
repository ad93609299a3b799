export { FieldError } from './component';
