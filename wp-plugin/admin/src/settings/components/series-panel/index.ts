export { SeriesPanel } from './component';
