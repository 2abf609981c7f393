import { MailboxResponseSchema, MetaResponseSchema, type MetaResponse } from '@orchestrator/shared/contracts';
import type { MailboxReader } from '@orchestrator/shared/di';
import { ApiRouter, type ApiKernel } from '@orchestrator/shared/http';

/** What the web shell asks before sign-in, and local mode's developer tools (the mailbox). */
export function platformRouter(
  kernel: ApiKernel,
  meta: MetaResponse,
  mailbox: MailboxReader | undefined,
): ApiRouter {
  const api = new ApiRouter(kernel, '/api/v1', 'Platform');

  api.get(
    '/meta',
    { summary: 'Name, version and mode of this suite', public: true, response: MetaResponseSchema },
    async () => meta,
  );

  if (mailbox) {
    api.get(
      '/dev/mailbox',
      {
        summary: 'E-mails the suite sent (local mode keeps them instead of delivering)',
        response: MailboxResponseSchema,
      },
      async () => ({ items: mailbox.list() }),
    );
    api.delete('/dev/mailbox', { summary: 'Empty the local mailbox', status: 204 }, async () => {
      mailbox.clear();
    });
  }
  return api;
}
