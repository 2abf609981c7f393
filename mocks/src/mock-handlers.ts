import type { HttpHandler } from 'msw';
import type { Mailbox } from './mailbox.ts';
import { kestraHandlers, type KestraHandlersOptions } from './handlers/kestra-handlers.ts';
import { openAiHandlers, type OpenAiHandlersOptions } from './handlers/openai-handlers.ts';
import { resendHandlers, type ResendHandlersOptions } from './handlers/resend-handlers.ts';
import { supabaseAuthHandlers, type SupabaseAuthHandlersOptions } from './handlers/supabase-auth-handlers.ts';

/** Options of every third-party mock; each part defaults to the real service's public URL (or a mock host). */
export interface MockHandlersOptions {
  /** Where the e-mail API mock stores what it "sends". */
  mailbox: Mailbox;
  openAi?: OpenAiHandlersOptions;
  resend?: Omit<ResendHandlersOptions, 'mailbox'>;
  supabaseAuth?: SupabaseAuthHandlersOptions;
  kestra?: KestraHandlersOptions;
}

/** The handlers of every third-party HTTP API the suite calls, each with its own fresh state. */
export function createMockHandlers(options: MockHandlersOptions): HttpHandler[] {
  return [
    ...openAiHandlers(options.openAi),
    ...resendHandlers({ ...options.resend, mailbox: options.mailbox }),
    ...supabaseAuthHandlers(options.supabaseAuth),
    ...kestraHandlers(options.kestra),
  ];
}
