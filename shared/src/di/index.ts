export * from './container.ts';
export * from './tokens.ts';
