export { TicketScreen } from './component';
