export { SettingsPage } from './component';
