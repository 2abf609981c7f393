export * from './cdp-module.ts';
