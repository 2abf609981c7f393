export * from './supabase-auth-provider.ts';
export * from './local-auth-provider.ts';
export * from './password-hash.ts';
