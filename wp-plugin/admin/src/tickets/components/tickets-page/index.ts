export { TicketsPage } from './component';
