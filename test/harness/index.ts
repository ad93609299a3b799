// One import for tests: `import { startStack, launchBrowser, requireAll, requirements } from '../harness'`.
export * from './browser';
export * from './cleanup';
export * from './database';
export * from './mail';
export * from './ports';
export * from './process-tree';
export * from './requirements';
export * from './service-process';
export * from './stack';
export * from './wordpress';
export * from './paths';
