export * from './node-type.ts';
export * from './node-services.ts';
