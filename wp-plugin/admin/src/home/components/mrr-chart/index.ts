export { MrrChartCard } from './component';
