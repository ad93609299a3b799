export { SourceBadges } from './component';
