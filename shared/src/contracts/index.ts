export * from './api-keys.ts';
export * from './auth.ts';
export * from './meta.ts';
export * from './problem.ts';
export * from './uuid.ts';
