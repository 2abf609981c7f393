export * from './embedding-job-queue.ts';
export * from './embedding-job-runner.ts';
export * from './embedding-refresh-consumer.ts';
export * from './embedding-worker.ts';
export * from './profile-search.ts';
export * from './profile-search-router.ts';
export * from './search-errors.ts';
export * from './vector-support.ts';
