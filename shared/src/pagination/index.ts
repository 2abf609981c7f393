export * from './cursor-pagination.ts';
