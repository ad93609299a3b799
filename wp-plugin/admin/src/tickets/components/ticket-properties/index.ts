export { TicketProperties } from './component';
