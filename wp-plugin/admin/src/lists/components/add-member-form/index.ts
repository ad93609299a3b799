export { AddMemberForm } from './component';
