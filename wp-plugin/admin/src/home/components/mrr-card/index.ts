export { MrrCard } from './component';
