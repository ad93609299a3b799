export { InvoiceFilters, type InvoiceFilterValues } from './component';
