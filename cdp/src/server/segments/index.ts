export * from './segment-consumer.ts';
export * from './segment-memberships.ts';
export * from './segment-sweep.ts';
export * from './segments-router.ts';
export * from './segments-worker.ts';
