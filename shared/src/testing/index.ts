export * from './eventually.ts';
export * from './required-service.ts';
export * from './test-databases.ts';
