export * from './outbox-cdp-client.ts';
