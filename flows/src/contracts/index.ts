export * from './graph.ts';
export * from './flow-settings.ts';
export * from './flows-api.ts';
export * from './runs-api.ts';
export * from './catalog-api.ts';
