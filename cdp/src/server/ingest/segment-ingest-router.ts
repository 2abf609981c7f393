import express, { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import { TENANT_ID_HEADER } from '@orchestrator/shared/bus';
import { DomainError, NotFoundError } from '@orchestrator/shared/errors';
import type { Clock, EventBus, OutgoingMessage } from '@orchestrator/shared/ports';
import { MAX_BATCH_BYTES, type CdpEnvelope, type NormalizedMessage } from '../../contracts/index.ts';
import { CDP_EVENTS_TOPIC, cdpMessageKey } from '../../client/index.ts';
import { IngestUnavailableError } from './ingest-unavailable-error.ts';
import { normalizeMessage } from './normalize-message.ts';
import {
  batchTooLarge,
  messageTooLarge,
  parseJsonBody,
  readSegmentRequest,
  type IngestEndpoint,
} from './read-segment-request.ts';
import type { SourceDebugFeed } from './source-debug-feed.ts';
import { sourceSettings } from './source-settings.ts';
import { authenticateWriteKey, writeKeyOf, type IngestSource } from './write-key-authentication.ts';
import type { WriteKeyDirectory } from './write-key-directory.ts';

export interface SegmentIngestDependencies {
  writeKeys: WriteKeyDirectory;
  bus: EventBus;
  clock: Clock;
  /** Where each source's debugger reads what the source sent. */
  debugFeed: SourceDebugFeed;
}

/**
 * The paths of Segment's HTTP Tracking API, plus the one-letter paths analytics.js posts to
 * (`/v1/t`, `/v1/i`, … in its standard delivery, `/v1/b` when it batches).
 */
const ENDPOINTS: Array<[IngestEndpoint, string[]]> = [
  ['track', ['/track', '/t']],
  ['identify', ['/identify', '/i']],
  ['page', ['/page', '/p']],
  ['screen', ['/screen', '/s']],
  ['group', ['/group', '/g']],
  ['alias', ['/alias', '/a']],
  ['batch', ['/batch', '/b']],
];
const BATCH_PATHS = ['/batch', '/b'];

/**
 * Bodies are read raw (whatever the content type: analytics.js sends JSON as text/plain to avoid a CORS
 * preflight) up to a little more than the batch limit, so sizes are checked and reported here.
 */
const readRawBody = express.raw({ type: () => true, limit: MAX_BATCH_BYTES + 16 * 1024 });

/**
 * The Segment HTTP Tracking API, mounted at `/v1`: authenticates the write key, validates every
 * message, normalizes it and publishes one envelope per message to `cdp.events`. It answers
 * `200 {"success":true}` only after the bus has durably stored the whole request.
 */
export function segmentIngestRouter({ writeKeys, bus, clock, debugFeed }: SegmentIngestDependencies): Router {
  const router = Router();
  router.use(allowAnyOrigin);

  router.get('/projects/:writeKey/settings', async (req, res) => {
    try {
      await lookUp(writeKeys, req.params.writeKey);
    } catch (error) {
      // analytics.js asks before it sends anything: a bad key is a missing project here, as on Segment's CDN.
      if (error instanceof DomainError && error.status === 401) throw new NotFoundError(error.message);
      throw error;
    }
    res.setHeader('cache-control', 'no-cache');
    res.json(sourceSettings(req, req.params.writeKey));
  });

  for (const [endpoint, paths] of ENDPOINTS) {
    router.post(paths, readRawBody, async (req, res) => {
      const receivedAt = clock.now();
      const raw = Buffer.isBuffer(req.body) ? req.body : undefined;
      // A refused request is noted for its source's debugger when its key names one.
      const noteRefused = (source: IngestSource | undefined, error: unknown, body: unknown) => {
        if (source && error instanceof DomainError) {
          void debugFeed.refused(source.sourceId, receivedAt, endpoint, error, body);
        }
      };
      let body: Record<string, unknown>;
      try {
        body = parseJsonBody(endpoint, raw);
      } catch (error) {
        const source = await lookUp(writeKeys, writeKeyOf(req, undefined)).catch(() => undefined);
        noteRefused(source, error, raw?.toString('utf8') ?? null);
        throw error;
      }
      const source = await lookUp(writeKeys, writeKeyOf(req, body));
      let messages: NormalizedMessage[];
      try {
        const request = readSegmentRequest(endpoint, body);
        messages = request.messages.map((message) => normalizeMessage(message, request.defaults, receivedAt));
      } catch (error) {
        noteRefused(source, error, body);
        throw error;
      }
      try {
        await bus.publish(
          CDP_EVENTS_TOPIC,
          messages.map((message) => outgoingOf(source, receivedAt, message)),
        );
      } catch (error) {
        req.log.error({ err: error, sourceId: source.sourceId }, 'ingest could not publish to the event bus');
        res.setHeader('retry-after', '5');
        throw new IngestUnavailableError(
          'The events could not be stored right now; nothing was accepted, retry later',
        );
      }
      res.json({ success: true });
      void debugFeed.accepted(source.sourceId, receivedAt, endpoint, messages);
    });
  }

  router.use(bodyTooLarge);
  return router;
}

/** One message as it goes on `cdp.events`: keyed for its profile's partition, the tenant in a header. */
function outgoingOf(source: IngestSource, receivedAt: Date, message: NormalizedMessage): OutgoingMessage {
  const envelope: CdpEnvelope = { sourceId: source.sourceId, receivedAt: receivedAt.toISOString(), message };
  return {
    key: cdpMessageKey(source.tenantId, message),
    value: envelope,
    headers: { [TENANT_ID_HEADER]: source.tenantId, 'message-id': message.messageId },
  };
}

/** The write key's source, or 401; a database failure during the look-up is a 503 (retry), not a 401. */
async function lookUp(writeKeys: WriteKeyDirectory, writeKey: string | undefined): Promise<IngestSource> {
  try {
    return await authenticateWriteKey(writeKeys, writeKey);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new IngestUnavailableError('The write key could not be checked right now; retry later');
  }
}

/** Browsers post from any site; write keys, not origins, decide who may send. */
const allowAnyOrigin: RequestHandler = (req, res, next) => {
  res.setHeader('access-control-allow-origin', '*');
  res.setHeader('cross-origin-resource-policy', 'cross-origin');
  if (req.method !== 'OPTIONS') return next();
  res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
  res.setHeader(
    'access-control-allow-headers',
    req.get('access-control-request-headers') ?? 'authorization, content-type',
  );
  res.setHeader('access-control-max-age', '86400');
  res.status(204).end();
};

/** The body parser's own "too large" names no limit; say which one was exceeded. */
const bodyTooLarge: ErrorRequestHandler = (error, req, _res, next) => {
  if ((error as { type?: unknown }).type !== 'entity.too.large') return next(error);
  next(BATCH_PATHS.includes(req.path) ? batchTooLarge() : messageTooLarge());
};
