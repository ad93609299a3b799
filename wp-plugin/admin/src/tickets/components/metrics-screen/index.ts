export { MetricsScreen } from './component';
