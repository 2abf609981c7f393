export * from './in-memory-rate-limiter.ts';
export * from './redis-rate-limiter.ts';
