export { TemplateLinesEditor } from './component';
