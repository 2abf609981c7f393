/** One way of sending a source's events to this suite, ready to paste. */
export interface SourceSnippet {
  id: 'browser' | 'node' | 'http';
  title: string;
  description: string;
  language: 'js' | 'shell';
  code: string;
}

/**
 * The snippets for a source, pointed at the suite at `origin` (e.g. `https://suite.example.com`).
 * analytics.js (2.0, `@segment/analytics-next`) loads its settings from `cdnURL` — this suite answers
 * `/v1/projects/<writeKey>/settings` — and sends to the Segment.io `apiHost` (host and path, no
 * scheme) with `protocol`; analytics-node only needs `host`.
 */
export function sourceSnippets(writeKey: string, origin: string): SourceSnippet[] {
  const url = new URL(origin);
  const apiHost = `${url.host}/v1`;
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  const key = quoted(writeKey);
  return [
    {
      id: 'browser',
      title: 'Website (analytics.js)',
      description: 'Install @segment/analytics-next in your web app, then load it with this source’s key.',
      language: 'js',
      code: `import { AnalyticsBrowser } from '@segment/analytics-next';

export const analytics = AnalyticsBrowser.load(
  { writeKey: ${key}, cdnURL: ${quoted(url.origin)} },
  { integrations: { 'Segment.io': { apiHost: ${quoted(apiHost)}, protocol: '${protocol}' } } },
);

analytics.page();
analytics.track('Signed Up', { plan: 'pro' });`,
    },
    {
      id: 'node',
      title: 'Server (Node.js)',
      description: 'Install @segment/analytics-node on your server.',
      language: 'js',
      code: `import { Analytics } from '@segment/analytics-node';

const analytics = new Analytics({ writeKey: ${key}, host: ${quoted(url.origin)} });

analytics.identify({ userId: 'user-123', traits: { email: 'ada@example.com' } });
analytics.track({ userId: 'user-123', event: 'Order Completed', properties: { total: 42 } });

// Before the process exits, send what is still queued:
await analytics.closeAndFlush();`,
    },
    {
      id: 'http',
      title: 'HTTP API',
      description: 'The Segment HTTP Tracking API: the write key is the Basic auth user name.',
      language: 'shell',
      code: `curl ${url.origin}/v1/track \\
  -u '${writeKey}:' \\
  -H 'Content-Type: application/json' \\
  -d '{"userId": "user-123", "event": "Test Event", "properties": {"source": "curl"}}'`,
    },
  ];
}

/** A single-quoted JavaScript string literal, as the snippets are written. */
function quoted(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
