export { SameSiteStoreOffer } from './component';
