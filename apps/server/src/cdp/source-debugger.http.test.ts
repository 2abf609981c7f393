import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseEngines } from '@orchestrator/shared/testing';
import type { RunningSuite } from '../suite.ts';
import { call, startTestSuite } from '../testing/start-test-suite.ts';
import { basicAuth, newSource, type TestSource } from './ingest-test-kit.ts';

describe.each(testDatabaseEngines())('CDP source debugger on $name', (engine) => {
  let suite: RunningSuite;
  let web: TestSource;

  const debuggerOf = (source: TestSource, query = '') =>
    call(suite, 'GET', `/api/v1/cdp/sources/${source.sourceId}/debugger${query}`, { token: source.token });
  const send = (source: TestSource, path: string, body: unknown) =>
    call(suite, 'POST', path, { headers: { authorization: basicAuth(source.writeKey) }, body });

  beforeAll(async () => {
    suite = await startTestSuite(engine);
    web = await newSource(suite);
  });
  afterAll(() => suite?.close());

  it('lists what the source sent, newest first, with the profile each message went to', async () => {
    expect(await debuggerOf(web)).toMatchObject({ status: 200, body: { items: [] } });

    expect(
      (await send(web, '/v1/identify', { userId: 'dbg-1', traits: { email: 'dbg@quokka.io' } })).status,
    ).toBe(200);
    expect(
      (
        await send(web, '/v1/batch', {
          batch: [
            { type: 'page', anonymousId: 'anon-dbg', name: 'Pricing' },
            { type: 'track', userId: 'dbg-1', event: 'Plan Chosen', properties: { plan: 'pro' } },
          ],
        })
      ).status,
    ).toBe(200);

    await expect
      .poll(
        async () => {
          const { body } = await debuggerOf(web);
          return body.items;
        },
        { timeout: 20_000 },
      )
      .toSatisfy(
        (items: Array<{ outcome: { state: string } }>) =>
          items.length === 3 && items.every((item) => item.outcome.state === 'processed'),
      );
    const { body } = await debuggerOf(web);
    expect(body.sampledPerRequest).toBe(20);
    expect(body.items.map((item: { type: string }) => item.type)).toEqual(['track', 'page', 'identify']);
    const [track, page, identify] = body.items;
    expect(track).toMatchObject({
      status: 'accepted',
      endpoint: 'batch',
      name: 'Plan Chosen',
      userId: 'dbg-1',
      anonymousId: null,
      reason: null,
      payload: { type: 'track', event: 'Plan Chosen', properties: { plan: 'pro' } },
    });
    expect(page).toMatchObject({ endpoint: 'batch', name: 'Pricing', anonymousId: 'anon-dbg' });
    expect(identify).toMatchObject({ endpoint: 'identify', userId: 'dbg-1', name: null });
    expect(track.messageId).toBe(track.payload.messageId);
    expect(track.outcome.profileId).toBe(identify.outcome.profileId);

    const profile = await call(suite, 'GET', `/api/v1/cdp/profiles/${track.outcome.profileId}`, {
      token: web.token,
    });
    expect(profile.body.identities).toContainEqual({ type: 'user_id', value: 'dbg-1' });

    expect((await debuggerOf(web, '?limit=1')).body.items).toHaveLength(1);
  });

  it('lists a refused request with the reason and the body as sent', async () => {
    const refused = await send(web, '/v1/batch', {
      batch: [
        { type: 'track', userId: 'dbg-2', event: 'Fine' },
        { type: 'track', event: 'No Identity' },
      ],
    });
    expect(refused.status).toBe(400);
    const notJson = await call(suite, 'POST', '/v1/track', {
      headers: { authorization: basicAuth(web.writeKey), 'content-type': 'application/json' },
      body: '{"userId": "dbg-3", "event": ',
    });
    expect(notJson.status).toBe(400);

    const { body } = await debuggerOf(web, '?limit=2');
    const [broken, invalid] = body.items;
    expect(broken).toMatchObject({
      status: 'refused',
      endpoint: 'track',
      reason: 'The body is not valid JSON',
      payload: '{"userId": "dbg-3", "event": ',
      outcome: null,
    });
    expect(invalid).toMatchObject({
      status: 'refused',
      endpoint: 'batch',
      reason: expect.stringContaining('1 of 2 messages in the batch are invalid'),
      payload: { batch: [{ event: 'Fine' }, { event: 'No Identity' }] },
      outcome: null,
    });
    expect(invalid.errors).toEqual([
      { field: 'batch.1.userId', message: 'userId or anonymousId is required' },
    ]);
  });

  it('forgets what a source sent once a person whose events came from it is erased', async () => {
    const shop = await newSource(suite);
    expect((await send(shop, '/v1/identify', { userId: 'erase-me', traits: { plan: 'pro' } })).status).toBe(
      200,
    );
    await expect
      .poll(async () => (await debuggerOf(shop)).body.items[0]?.outcome?.state, { timeout: 20_000 })
      .toBe('processed');
    const { profileId } = (await debuggerOf(shop)).body.items[0].outcome;
    const erased = await call(suite, 'DELETE', `/api/v1/cdp/profiles/${profileId}`, { token: shop.token });
    expect(erased.status).toBe(204);
    await expect.poll(async () => (await debuggerOf(shop)).body.items, { timeout: 5_000 }).toEqual([]);
  });

  it('keeps sources and workspaces apart', async () => {
    const other = await newSource(suite);
    expect((await send(other, '/v1/track', { userId: 'x', event: 'Elsewhere' })).status).toBe(200);
    expect((await debuggerOf(other)).body.items).toHaveLength(1);
    expect(
      (await debuggerOf(web)).body.items.some((item: { name: string }) => item.name === 'Elsewhere'),
    ).toBe(false);

    const foreign = await call(suite, 'GET', `/api/v1/cdp/sources/${web.sourceId}/debugger`, {
      token: other.token,
    });
    expect(foreign.status).toBe(404);
    expect((await call(suite, 'GET', `/api/v1/cdp/sources/${web.sourceId}/debugger`)).status).toBe(401);
  });
});
