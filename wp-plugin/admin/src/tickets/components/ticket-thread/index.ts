export { TicketThread } from './component';
