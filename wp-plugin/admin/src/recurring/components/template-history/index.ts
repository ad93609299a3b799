export { TemplateHistory } from './component';
