export { StoreEditor } from './component';
