export * from './http-metrics.ts';
