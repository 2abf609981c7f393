// Runtime-neutral entry: handlers and the mailbox. `./node` and `./browser` start the interception.
export * from './fixtures/kestra-demo-flows.ts';
export * from './handlers/kestra-handlers.ts';
export * from './handlers/openai-handlers.ts';
export * from './handlers/resend-handlers.ts';
export * from './handlers/supabase-auth-handlers.ts';
export * from './mailbox.ts';
export * from './mock-handlers.ts';
export * from './unhandled-frame-policy.ts';
