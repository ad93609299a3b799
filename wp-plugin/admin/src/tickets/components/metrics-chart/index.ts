export { MetricsChart, type ChartBar } from './component';
