export * from './cdp-module.ts';
export * from './profiles/index.ts';
