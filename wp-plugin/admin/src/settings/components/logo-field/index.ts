export { LogoField, MAX_LOGO_DATA_URL_LENGTH } from './component';
