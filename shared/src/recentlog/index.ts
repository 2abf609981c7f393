export * from './default-recent-log-options.ts';
export * from './in-memory-recent-log.ts';
export * from './redis-recent-log.ts';
