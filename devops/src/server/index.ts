export * from './kestra-http-api.ts';
