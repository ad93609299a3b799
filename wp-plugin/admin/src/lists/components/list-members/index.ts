export { ListMembers } from './component';
