import type { Config } from '@orchestrator/shared/config';
import type { MailboxReader } from '@orchestrator/shared/di';
import { startMockServer, type MockServer } from '@orchestrator/mocks/node';

export const LOCAL_KESTRA_URL = 'http://kestra.mock:8080';

export interface LocalMocks {
  mailbox: MailboxReader;
  release(): void;
}

/**
 * MSW patches this process's HTTP clients globally, so every suite started in one process (tests start
 * several) shares one mock server; the last to release it stops it.
 */
let shared: { server: MockServer; users: number } | undefined;

export function acquireLocalMocks(config: Config): LocalMocks {
  shared ??= {
    users: 0,
    server: startMockServer({
      openAi: { baseUrl: config.OPENAI_BASE_URL },
      resend: { baseUrl: config.EMAIL_API_URL },
      kestra: { url: config.KESTRA_URL ?? LOCAL_KESTRA_URL },
    }),
  };
  shared.users += 1;
  const server = shared.server;
  let released = false;
  return {
    mailbox: server.mailbox,
    release() {
      if (released || !shared) return;
      released = true;
      shared.users -= 1;
      if (shared.users === 0) {
        shared.server.close();
        shared = undefined;
      }
    },
  };
}
