export { TicketInbox } from './component';
