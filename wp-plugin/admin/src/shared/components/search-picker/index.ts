export { SearchPicker, type PickerItem } from './component';
