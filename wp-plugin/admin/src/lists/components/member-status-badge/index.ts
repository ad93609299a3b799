export { MemberStatusBadge } from './component';
