export { ContactKindBadge } from './component';
