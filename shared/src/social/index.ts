export * from './social-provider-catalog.ts';
