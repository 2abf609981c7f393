export * from './flows-module.ts';
export * from './flow-executor.ts';
export * from './flow-scheduler.ts';
export * from './trigger-consumer.ts';
export * from './run-store.ts';
export * from './run-starter.ts';
export * from './webhook-client.ts';
export * from './run-node-services.ts';
