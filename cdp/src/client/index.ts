export * from './outbox-cdp-client.ts';
export * from './profile-reader.ts';
