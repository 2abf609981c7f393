export * from './resend-email-sender.ts';
