import { HttpResponse } from 'msw';

/** What MSW hands an `onUnhandledFrame` callback; typed here because MSW only exports it as experimental. */
export interface UnhandledFrame {
  frame: { protocol: string; data: unknown };
}

const LOCAL_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1', '0.0.0.0']);

export function isLocalUrl(url: URL): boolean {
  return LOCAL_HOSTNAMES.has(url.hostname) || url.hostname.endsWith('.localhost');
}

function describeFrame(frame: UnhandledFrame['frame']): { method: string; url: URL } | undefined {
  const data = frame.data as { request?: unknown; connection?: { client?: { url?: unknown } } };
  if (data.request instanceof Request) return { method: data.request.method, url: new URL(data.request.url) };
  const socketUrl = data.connection?.client?.url;
  if (socketUrl instanceof URL) return { method: 'WEBSOCKET', url: socketUrl };
  return undefined;
}

/**
 * The `onUnhandledFrame` policy: calls to our own server (local addresses, or anything `isOwnUrl` accepts)
 * pass through silently; any other request without a mock is printed and fails as a network error, so a
 * missing mock can never turn into a real call to a third party.
 */
export function failOnUnmockedRequest(isOwnUrl: (url: URL) => boolean = isLocalUrl) {
  return ({ frame }: UnhandledFrame): void => {
    const described = describeFrame(frame);
    if (described && isOwnUrl(described.url)) return;

    const target = described ? `${described.method} ${described.url.href}` : `a ${frame.protocol} frame`;
    console.error(
      `[mocks] Refused ${target}: no mock handles it and real third-party calls are not allowed here. ` +
        'Add a handler in mocks/src/handlers or point the client at a mocked base URL.',
    );
    // MSW turns a thrown Response into the request's outcome: Response.error() is a network error.
    // WebSocket frames are errored with an Error instead.
    if (frame.protocol === 'http') throw HttpResponse.error();
    throw new Error(`[mocks] Refused ${target}`);
  };
}
