export { CustomerPicker, customerChoice } from './component';
