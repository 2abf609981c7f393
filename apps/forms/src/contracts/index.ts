export * from './fields.ts';
export * from './logic.ts';
export * from './settings.ts';
export * from './forms-api.ts';
export * from './submissions-api.ts';
export * from './webhooks-api.ts';
export * from './public-api.ts';
export * from './widgets.ts';
