export { TemplateProblems, problemMessage } from './component';
