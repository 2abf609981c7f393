export * from './server-module.ts';
