export { MetricsTable, type MetricsRow } from './component';
