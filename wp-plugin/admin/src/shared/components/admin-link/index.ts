export { AdminLink } from './component';
