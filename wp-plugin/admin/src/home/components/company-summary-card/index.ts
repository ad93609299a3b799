export { CompanySummaryCard } from './component';
