export { RoadmapCard } from './component';
