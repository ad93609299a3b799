export { StoresScreen } from './component';
