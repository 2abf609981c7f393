import type { Request } from 'express';

/**
 * The source settings analytics.js fetches from `<cdnURL>/v1/projects/<writeKey>/settings` before it
 * sends anything. Only the Segment.io destination exists here, pointed back at this server's `/v1`, so
 * a page that sets `cdnURL` to this suite needs nothing from Segment's CDN.
 */
export function sourceSettings(req: Request, writeKey: string) {
  return {
    integrations: {
      'Segment.io': {
        apiKey: writeKey,
        apiHost: `${req.host}/v1`,
        protocol: req.protocol === 'http' ? 'http' : 'https',
        unbundledIntegrations: [],
        addBundledMetadata: true,
        maybeBundledConfigIds: {},
      },
    },
    plan: {
      track: { __default: { enabled: true, integrations: {} } },
      identify: { __default: { enabled: true } },
      group: { __default: { enabled: true } },
    },
    edgeFunction: {},
    analyticsNextEnabled: true,
    middlewareSettings: {},
    enabledMiddleware: {},
    metrics: { sampleRate: 0 },
    legacyVideoPluginsEnabled: false,
    remotePlugins: [],
  };
}
