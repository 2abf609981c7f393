export * from './forms-module.ts';
export * from './integrations-worker.ts';
export * from './webhook-sender.ts';
export { signWebhook, verifyWebhookSignature } from '../domain/webhook-signature.ts';
