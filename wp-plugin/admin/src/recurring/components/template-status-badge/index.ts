export { TemplateStatusBadge } from './component';
