import { setupWorker, type SetupWorker } from 'msw/browser';
import { Mailbox } from './mailbox.ts';
import { createMockHandlers, type MockHandlersOptions } from './mock-handlers.ts';
import { failOnUnmockedRequest, isLocalUrl } from './unhandled-frame-policy.ts';

export interface MockWorkerOptions extends Omit<MockHandlersOptions, 'mailbox'> {
  mailbox?: Mailbox;
  /** Where the service worker script is served. Default `/mockServiceWorker.js`. */
  serviceWorkerUrl?: string;
}

export interface MockWorker {
  worker: SetupWorker;
  mailbox: Mailbox;
  stop(): Promise<void>;
}

/**
 * The browser twin of `startMockServer`: the page's calls to third-party APIs are answered by the mocks,
 * calls to its own origin (the suite's server) and to localhost pass through, anything else fails loudly.
 */
export async function startMockWorker(options: MockWorkerOptions = {}): Promise<MockWorker> {
  const mailbox = options.mailbox ?? new Mailbox();
  const worker = setupWorker(...createMockHandlers({ ...options, mailbox }));
  const ownOrigin = globalThis.location?.origin;
  await worker.start({
    serviceWorker: { url: options.serviceWorkerUrl ?? '/mockServiceWorker.js' },
    onUnhandledFrame: failOnUnmockedRequest((url) => url.origin === ownOrigin || isLocalUrl(url)),
  });
  return {
    worker,
    mailbox,
    async stop() {
      await worker.stop();
    },
  };
}
