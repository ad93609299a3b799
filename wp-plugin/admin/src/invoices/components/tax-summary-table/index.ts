export { TaxSummaryTable } from './component';
