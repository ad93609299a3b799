export { UpcomingCard } from './component';
