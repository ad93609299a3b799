export { NextDatesPreview } from './component';
export { useTemplatePreview, type PreviewState } from './use-template-preview';
