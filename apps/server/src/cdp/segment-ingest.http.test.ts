import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve, TOKENS } from '@orchestrator/shared/di';
import { testDatabaseEngines } from '@orchestrator/shared/testing';
import type { RunningSuite } from '../suite.ts';
import { call, startTestSuite } from '../testing/start-test-suite.ts';
import {
  basicAuth,
  newSource as newSourceOf,
  recordCdpEvents,
  type CdpEventRecorder,
} from './ingest-test-kit.ts';

const KB = 1024;

describe.each(testDatabaseEngines())('Segment HTTP Tracking API on $name', (engine) => {
  let suite: RunningSuite;
  let recorder: CdpEventRecorder;

  beforeAll(async () => {
    suite = await startTestSuite(engine);
    recorder = await recordCdpEvents(suite);
  });
  afterAll(async () => {
    await recorder?.stop();
    await suite?.close();
  });

  const newSource = () => newSourceOf(suite);
  const arrivals = (sourceId: string, count: number) => recorder.arrivals(sourceId, count);
  const send = (path: string, writeKey: string, body: unknown, headers: Record<string, string> = {}) =>
    call(suite, 'POST', path, { headers: { authorization: basicAuth(writeKey), ...headers }, body });

  it('accepts a track call with Basic auth and publishes the normalized envelope after storing it', async () => {
    const { tenantId, sourceId, writeKey } = await newSource();
    const response = await send('/v1/track', writeKey, {
      userId: 'user-1',
      event: 'Order Completed',
      properties: { total: 42 },
      messageId: 'msg-track-1',
    });
    expect(response).toMatchObject({ status: 200, body: { success: true } });

    const [message] = await arrivals(sourceId, 1);
    expect(message!.key).toBe(`${tenantId}:user-1`);
    expect(message!.headers).toMatchObject({ 'tenant-id': tenantId, 'message-id': 'msg-track-1' });
    const envelope = message!.value;
    expect(envelope).toEqual({
      sourceId,
      receivedAt: expect.any(String),
      message: {
        type: 'track',
        userId: 'user-1',
        event: 'Order Completed',
        properties: { total: 42 },
        messageId: 'msg-track-1',
        timestamp: envelope.receivedAt,
      },
    });
  });

  it('takes the type from the path, on the long and the one-letter paths, and makes messageIds', async () => {
    const { sourceId, writeKey } = await newSource();
    const calls: Array<[string, Record<string, unknown>]> = [
      ['/v1/identify', { userId: 'u', traits: { email: 'u@example.com' } }],
      ['/v1/page', { anonymousId: 'a', name: 'Pricing' }],
      ['/v1/screen', { anonymousId: 'a', name: 'Home' }],
      ['/v1/group', { userId: 'u', groupId: 42 }],
      ['/v1/alias', { userId: 'u', previousId: 'a' }],
      ['/v1/t', { userId: 'u', event: 'Short Path', type: 'identify' }],
      ['/v1/b', { batch: [{ type: 'page', userId: 'u' }] }],
    ];
    for (const [path, body] of calls) expect((await send(path, writeKey, body)).status).toBe(200);

    const messages = (await arrivals(sourceId, calls.length)).map((m) => m.value.message);
    expect(messages.map((message) => message.type).sort()).toEqual(
      ['alias', 'group', 'identify', 'page', 'page', 'screen', 'track'].sort(),
    );
    expect(messages.find((message) => message.type === 'group')).toMatchObject({ groupId: '42' });
    for (const message of messages) expect(message.messageId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a missing, unknown or rotated-out key with 401 problem+json', async () => {
    const { token, sourceId, writeKey } = await newSource();
    const message = { userId: 'u', event: 'E' };
    const missing = await call(suite, 'POST', '/v1/track', { body: message });
    expect(missing).toMatchObject({ status: 401, body: { status: 401 } });
    expect(missing.body.detail).toMatch(/write key/);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await send('/v1/track', 'x'.repeat(43), message)).toMatchObject({
      status: 401,
      body: { detail: 'This write key is unknown or was rotated out' },
    });
    await call(suite, 'POST', `/api/v1/cdp/sources/${sourceId}/rotate`, { token });
    expect((await send('/v1/batch', writeKey, { batch: [{ type: 'track', ...message }] })).status).toBe(401);
  });

  it('accepts analytics.js requests: text/plain JSON with the writeKey in the body, from any origin', async () => {
    const { sourceId, writeKey } = await newSource();
    const preflight = await fetch(`${suite.url}/v1/batch`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization,content-type');

    const response = await call(suite, 'POST', '/v1/p', {
      headers: { 'content-type': 'text/plain', origin: 'https://shop.example' },
      body: JSON.stringify({ writeKey, anonymousId: 'anon-7', userId: null, name: 'Home' }),
    });
    expect(response).toMatchObject({ status: 200, body: { success: true } });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const [message] = await arrivals(sourceId, 1);
    expect(message!.value.message).toMatchObject({
      type: 'page',
      anonymousId: 'anon-7',
      name: 'Home',
    });

    const refused = await call(suite, 'POST', '/v1/t', {
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ writeKey: 'nope', userId: 'u', event: 'E' }),
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('serves the source settings analytics.js loads from its cdnURL', async () => {
    const { writeKey } = await newSource();
    const settings = await call(suite, 'GET', `/v1/projects/${writeKey}/settings`);
    expect(settings).toMatchObject({
      status: 200,
      body: {
        integrations: {
          'Segment.io': { apiKey: writeKey, apiHost: `${new URL(suite.url).host}/v1`, protocol: 'http' },
        },
      },
    });
    expect((await call(suite, 'GET', '/v1/projects/unknown-key/settings')).status).toBe(404);
  });

  it('enforces 32 KB per message and 500 KB per batch, saying which', async () => {
    const { writeKey } = await newSource();
    const big = (bytes: number) => ({
      type: 'track',
      userId: 'u',
      event: 'Big',
      properties: { blob: 'x'.repeat(bytes) },
    });

    const message = await send('/v1/track', writeKey, big(33 * KB));
    expect(message).toMatchObject({ status: 413, body: { status: 413 } });
    expect(message.body.detail).toMatch(/^A message may be at most 32768 bytes \(32 KB\)/);

    const inBatch = await send('/v1/batch', writeKey, { batch: [big(10), big(33 * KB)] });
    expect(inBatch).toMatchObject({ status: 400, body: { errors: [{ field: 'batch.1' }] } });
    expect(inBatch.body.errors[0].message).toMatch(/at most 32768 bytes/);

    const batch = Array.from({ length: 17 }, () => big(30 * KB));
    for (const body of [{ batch }, { batch: [...batch, ...batch] }]) {
      const response = await send('/v1/batch', writeKey, body);
      expect(response).toMatchObject({ status: 413 });
      expect(response.body.detail).toMatch(/^A batch may be at most 512000 bytes \(500 KB\)/);
    }
  });

  it('names every bad field and refuses the whole batch when one message is invalid', async () => {
    const { sourceId, writeKey } = await newSource();
    const response = await send('/v1/batch', writeKey, {
      batch: [
        { type: 'track', userId: 'u', event: 'Fine', messageId: 'must-not-land' },
        { type: 'track', userId: 'u' },
        { type: 'identify', traits: [] },
        { type: 'unknown', userId: 'u' },
        { type: 'track', userId: 'u', event: 'E', timestamp: 'yesterday' },
      ],
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body.detail).toBe(
      '4 of 5 messages in the batch are invalid; the whole batch was refused and nothing was accepted',
    );
    expect(response.body.errors).toEqual([
      { field: 'batch.1.event', message: 'is required' },
      { field: 'batch.2.traits', message: 'must be an object' },
      { field: 'batch.3.type', message: 'must be one of track, identify, page, screen, group, alias' },
      { field: 'batch.4.timestamp', message: expect.stringMatching(/^must be an ISO 8601 date-time/) },
    ]);
    expect(await send('/v1/alias', writeKey, { userId: 'u' })).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'previousId', message: 'is required' }] },
    });
    expect(await send('/v1/batch', writeKey, '{"batch": [')).toMatchObject({
      status: 400,
      body: { detail: 'The body is not valid JSON' },
    });

    // A later good request lands; the refused batch never did.
    await send('/v1/track', writeKey, { userId: 'u', event: 'After' });
    const [only] = await arrivals(sourceId, 1);
    expect(only!.value.message).toMatchObject({ event: 'After' });
  });

  it("corrects the device's clock skew from sentAt and merges the batch context under each message's", async () => {
    const { sourceId, writeKey } = await newSource();
    const aheadMs = 3_600_000; // the device clock runs one hour fast
    const deviceNow = Date.now() + aheadMs;
    const before = Date.now();
    const response = await send('/v1/batch', writeKey, {
      sentAt: new Date(deviceNow).toISOString(),
      context: { library: { name: 'test-sdk', version: '1' }, locale: 'de-DE' },
      batch: [
        {
          type: 'track',
          userId: 'u',
          event: 'Ten Seconds Ago',
          timestamp: new Date(deviceNow - 10_000).toISOString(),
          messageId: 'skew-1',
        },
        { type: 'identify', userId: 'u', context: { locale: 'fr-FR' }, messageId: 'skew-2' },
      ],
    });
    const after = Date.now();
    expect(response.status).toBe(200);

    const envelopes = (await arrivals(sourceId, 2)).map((m) => m.value);
    const track = envelopes.find((e) => e.message.messageId === 'skew-1')!;
    const eventTime = Date.parse(track.message.timestamp);
    expect(eventTime).toBe(Date.parse(track.receivedAt) - 10_000);
    expect(eventTime).toBeGreaterThanOrEqual(before - 10_000);
    expect(eventTime).toBeLessThanOrEqual(after - 10_000);
    expect(track.message.originalTimestamp).toBe(new Date(deviceNow - 10_000).toISOString());
    expect(track.message.context).toEqual({ library: { name: 'test-sdk', version: '1' }, locale: 'de-DE' });

    const identify = envelopes.find((e) => e.message.messageId === 'skew-2')!;
    expect(identify.message.timestamp).toBe(identify.receivedAt);
    expect(identify.message.context).toMatchObject({ locale: 'fr-FR', library: { name: 'test-sdk' } });
  });

  it('answers 503 and accepts nothing when the event log cannot store the messages', async () => {
    const { writeKey } = await newSource();
    const database = await resolve(suite.container, TOKENS.Database);
    await database.systemTx((tx) => tx.query('ALTER TABLE bus_events RENAME TO bus_events_away'));
    try {
      const response = await send('/v1/track', writeKey, { userId: 'u', event: 'Lost?' });
      expect(response).toMatchObject({ status: 503, body: { status: 503 } });
      expect(response.headers.get('retry-after')).toBe('5');
    } finally {
      await database.systemTx((tx) => tx.query('ALTER TABLE bus_events_away RENAME TO bus_events'));
    }
  });
});
