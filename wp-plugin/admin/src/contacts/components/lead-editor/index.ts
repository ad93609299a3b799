export { LeadEditor } from './component';
