import { syncBuiltinESMExports } from 'node:module';
import { setupServer, type SetupServer } from 'msw/node';
import { Mailbox } from './mailbox.ts';
import { createMockHandlers, type MockHandlersOptions } from './mock-handlers.ts';
import { failOnUnmockedRequest } from './unhandled-frame-policy.ts';

export interface MockServerOptions extends Omit<MockHandlersOptions, 'mailbox'> {
  /** Default: a new, empty mailbox. */
  mailbox?: Mailbox;
}

export interface MockServer {
  server: SetupServer;
  mailbox: Mailbox;
  /** Stops intercepting; safe to call twice. */
  close(): void;
}

/**
 * Intercepts this process's outgoing HTTP (fetch, http/https, XHR, WebSocket) with the third-party mocks.
 * Requests to localhost pass through; any other unmocked request fails loudly.
 * MSW patches process-wide, so run one mock server per process at a time.
 */
export function startMockServer(options: MockServerOptions = {}): MockServer {
  const mailbox = options.mailbox ?? new Mailbox();
  const server = setupServer(...createMockHandlers({ ...options, mailbox }));
  server.listen({ onUnhandledFrame: failOnUnmockedRequest() });
  // MSW patches the CommonJS objects of node:http/https; without this, `import { get } from 'node:https'`
  // (or `import * as https`) keeps the unpatched function and would reach the real network unnoticed.
  syncBuiltinESMExports();
  let closed = false;
  return {
    server,
    mailbox,
    close() {
      if (closed) return;
      closed = true;
      server.close();
      syncBuiltinESMExports();
    },
  };
}
