export { TicketStatusBadge } from './component';
