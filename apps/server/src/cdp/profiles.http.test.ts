import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CdpMessage } from '@orchestrator/shared/ports';
import { eventually, testDatabaseEngines } from '@orchestrator/shared/testing';
import type { RunningSuite } from '../suite.ts';
import { call, startTestSuite } from '../testing/start-test-suite.ts';
import { sendCdpMessages, signUpWorkspace, type TestWorkspace } from '../testing/test-workspace.ts';

type Workspace = TestWorkspace;

const at = (minute: number) => new Date(Date.UTC(2024, 5, 1, 10, minute)).toISOString();

describe.each(testDatabaseEngines())('CDP profiles API on $name', (engine) => {
  let suite: RunningSuite;
  let acme: Workspace;
  let other: Workspace;

  const signUp = (name: string) => signUpWorkspace(suite, name);
  const send = (workspace: Workspace, messages: CdpMessage[]) => sendCdpMessages(suite, workspace, messages);
  const get = (workspace: Workspace, path: string) =>
    call(suite, 'GET', `/api/v1/cdp${path}`, { token: workspace.token });
  const profileOf = (workspace: Workspace, q: string) =>
    eventually(async () => {
      const { body } = await get(workspace, `/profiles?q=${encodeURIComponent(q)}`);
      expect(body.items).toHaveLength(1);
      return body.items[0];
    }, 20_000);

  beforeAll(async () => {
    suite = await startTestSuite(engine);
    acme = await signUp('Acme');
    other = await signUp('Other');
  });
  afterAll(() => suite?.close());

  it('finds a profile by exact e-mail, user id or trait, and answers a merged-away id with its survivor', async () => {
    await send(acme, [
      { type: 'page', messageId: 'p1', anonymousId: 'web-1', timestamp: at(1) },
      {
        type: 'identify',
        messageId: 'i1',
        anonymousId: 'web-1',
        traits: { email: 'ann@acme.io', name: 'Annabel' },
        timestamp: at(2),
      },
      { type: 'page', messageId: 'p2', anonymousId: 'app-1', timestamp: at(3) },
    ]);
    // Different keys travel in different partitions: wait for both before linking them.
    const app = await profileOf(acme, 'app-1');
    await profileOf(acme, 'ann@acme.io');
    await send(acme, [
      {
        type: 'identify',
        messageId: 'i2',
        anonymousId: 'app-1',
        userId: 'ann-42',
        traits: { email: 'ANN@acme.io' },
        timestamp: at(4),
      },
    ]);

    const ann = await eventually(async () => {
      const profile = await profileOf(acme, 'ann@acme.io');
      expect(profile.eventCount).toBe(4);
      return profile;
    }, 20_000);
    expect(ann).toMatchObject({
      traits: { email: 'ANN@acme.io', name: 'Annabel' },
      firstSeenAt: at(1),
      lastSeenAt: at(4),
    });
    expect(ann.identities).toEqual(
      expect.arrayContaining([
        { type: 'anonymous_id', value: 'web-1' },
        { type: 'anonymous_id', value: 'app-1' },
        { type: 'email', value: 'ann@acme.io' },
        { type: 'user_id', value: 'ann-42' },
      ]),
    );
    expect((await profileOf(acme, 'ann-42')).id).toBe(ann.id);
    expect((await profileOf(acme, 'annab')).id).toBe(ann.id);

    const absorbedId = ann.id === app.id ? undefined : app.id;
    expect(absorbedId).toBeDefined();
    expect(await get(acme, `/profiles/${absorbedId}`)).toMatchObject({ status: 200, body: { id: ann.id } });
    expect((await get(acme, `/profiles/${randomUUID()}`)).status).toBe(404);
    expect((await get(acme, '/profiles?cursor=not-a-cursor')).status).toBe(400);
  });

  it('pages through the timeline newest first, and lists profiles with a stable cursor', async () => {
    await send(
      acme,
      Array.from({ length: 25 }, (_, index) => ({
        type: 'track' as const,
        event: `Step ${index}`,
        messageId: `t${index}`,
        userId: 'timeline-user',
        timestamp: at(10 + index),
      })),
    );
    const profile = await eventually(async () => {
      const found = await profileOf(acme, 'timeline-user');
      expect(found.eventCount).toBe(25);
      return found;
    }, 20_000);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const { body }: { body: { items: Array<{ event: string }>; nextCursor: string | null } } = await get(
        acme,
        `/profiles/${profile.id}/events?limit=10${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...body.items.map((item) => item.event));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, index) => `Step ${24 - index}`));

    const listed: string[] = [];
    cursor = null;
    do {
      const { body }: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await get(
        acme,
        `/profiles?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      listed.push(...body.items.map((item) => item.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(listed[0]).toBe(profile.id); // seen most recently
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed.length).toBeGreaterThanOrEqual(2);
  });

  it('undoes a merge through the API (admins only), with an audit entry, and refuses a second undo', async () => {
    await send(acme, [
      { type: 'page', messageId: 'u1', anonymousId: 'cam-phone', timestamp: at(40) },
      {
        type: 'identify',
        messageId: 'u2',
        anonymousId: 'cam-laptop',
        traits: { email: 'cam@acme.io' },
        timestamp: at(41),
      },
    ]);
    await profileOf(acme, 'cam-phone');
    await profileOf(acme, 'cam@acme.io');
    await send(acme, [
      {
        type: 'identify',
        messageId: 'u3',
        anonymousId: 'cam-phone',
        traits: { email: 'cam@acme.io' },
        timestamp: at(42),
      },
    ]);
    const merged = await eventually(async () => {
      const profile = await profileOf(acme, 'cam@acme.io');
      expect(profile.eventCount).toBe(3);
      return profile;
    }, 20_000);
    const { body: merges } = await get(acme, `/profiles/${merged.id}/merges`);
    expect(merges.items).toHaveLength(1);
    const merge = merges.items[0];
    expect(merge).toMatchObject({ survivorId: merged.id, triggerMessageId: 'u3', undoneAt: null });

    const key = await call(suite, 'POST', '/api/v1/workspace/api-keys', {
      token: acme.token,
      body: { name: 'member', role: 'member' },
    });
    expect(
      (await call(suite, 'POST', `/api/v1/cdp/merges/${merge.id}/undo`, { token: key.body.key })).status,
    ).toBe(403);

    const undone = await call(suite, 'POST', `/api/v1/cdp/merges/${merge.id}/undo`, { token: acme.token });
    expect(undone.status).toBe(200);
    expect(undone.body.merge.undoneAt).not.toBeNull();
    expect(undone.body.restored).toMatchObject({ id: merge.absorbedId, eventCount: 1 });
    expect(undone.body.survivor).toMatchObject({ id: merged.id, eventCount: 2 });
    expect((await get(acme, `/profiles/${merge.absorbedId}`)).body.id).toBe(merge.absorbedId);

    const again = await call(suite, 'POST', `/api/v1/cdp/merges/${merge.id}/undo`, { token: acme.token });
    expect(again).toMatchObject({ status: 409, body: { detail: expect.stringContaining('already undone') } });
    const audit = await call(suite, 'GET', '/api/v1/workspace/audit-log', { token: acme.token });
    expect(audit.body.items).toContainEqual(
      expect.objectContaining({ action: 'cdp.merge.undone', targetId: merge.id }),
    );
  });

  it('resolves traits with the workspace trait definitions', async () => {
    const put = await call(suite, 'PUT', '/api/v1/cdp/trait-definitions', {
      token: acme.token,
      body: { items: [{ key: 'plan', label: 'Plan', strategy: 'first' }] },
    });
    expect(put).toMatchObject({
      status: 200,
      body: { items: [{ key: 'plan', label: 'Plan', strategy: 'first' }] },
    });
    await send(acme, [
      { type: 'identify', messageId: 'd2', userId: 'dora', traits: { plan: 'team' }, timestamp: at(52) },
      { type: 'identify', messageId: 'd1', userId: 'dora', traits: { plan: 'trial' }, timestamp: at(51) },
    ]);
    const dora = await eventually(async () => {
      const profile = await profileOf(acme, 'dora');
      expect(profile.eventCount).toBe(2);
      return profile;
    }, 20_000);
    expect(dora.traits).toEqual({ plan: 'trial' });

    // Existing profiles follow a changed definition once recomputed from their events.
    await call(suite, 'PUT', '/api/v1/cdp/trait-definitions', {
      token: acme.token,
      body: { items: [{ key: 'plan', label: 'Plan', strategy: 'latest' }] },
    });
    const recomputed = await call(suite, 'POST', `/api/v1/cdp/profiles/${dora.id}/recompute`, {
      token: acme.token,
    });
    expect(recomputed).toMatchObject({
      status: 200,
      body: { id: dora.id, traits: { plan: 'team' }, eventCount: 2 },
    });
    const bad = await call(suite, 'PUT', '/api/v1/cdp/trait-definitions', {
      token: acme.token,
      body: { items: [{ key: 'plan', label: 'Plan', strategy: 'sum' }] },
    });
    expect(bad.status).toBe(422);
  });

  it("keeps the workspace's own blocked values: never identities, listed once, lower-cased", async () => {
    const put = await call(suite, 'PUT', '/api/v1/cdp/blocked-identifiers', {
      token: acme.token,
      body: {
        items: [
          { type: 'email', value: ' Front-Desk@Acme.io ' },
          { type: '*', value: 'KIOSK-7' },
        ],
      },
    });
    expect(put).toMatchObject({
      status: 200,
      body: {
        items: [
          { type: '*', value: 'kiosk-7' },
          { type: 'email', value: 'front-desk@acme.io' },
        ],
      },
    });
    expect((await get(acme, '/blocked-identifiers')).body).toEqual(put.body);
    expect((await get(other, '/blocked-identifiers')).body).toEqual({ items: [] });
    const twice = await call(suite, 'PUT', '/api/v1/cdp/blocked-identifiers', {
      token: acme.token,
      body: {
        items: [
          { type: 'phone', value: '+1' },
          { type: 'phone', value: '+1' },
        ],
      },
    });
    expect(twice.status).toBe(422);
    expect(JSON.stringify(twice.body)).toContain('is listed twice');

    await send(acme, [
      {
        type: 'identify',
        messageId: 'k1',
        userId: 'kim',
        anonymousId: 'kiosk-7',
        traits: { email: 'front-desk@acme.io' },
        timestamp: at(53),
      },
    ]);
    const kim = await eventually(async () => {
      const profile = await profileOf(acme, 'kim');
      expect(profile.eventCount).toBe(1);
      return profile;
    }, 20_000);
    // The blocked values stay in the message and the traits; they only never link anyone.
    expect(kim.identities).toEqual([{ type: 'user_id', value: 'kim' }]);
    expect(kim.traits).toEqual({ email: 'front-desk@acme.io' });
    // The timeline says which of the message's identifiers did not link it, and why.
    const [identify] = (await get(acme, `/profiles/${kim.id}/events`)).body.items;
    expect(identify.unlinked).toEqual([
      { type: 'anonymous_id', value: 'kiosk-7', reason: 'blocked' },
      { type: 'email', value: 'front-desk@acme.io', reason: 'blocked' },
    ]);
  });

  it('shows on the timeline an identifier left out for a limit: a second user id keeps its own profile', async () => {
    await send(acme, [
      {
        type: 'identify',
        messageId: 'l1',
        userId: 'lee',
        traits: { email: 'lee@acme.io' },
        timestamp: at(54),
      },
    ]);
    const lee = await profileOf(acme, 'lee');
    await send(acme, [
      {
        type: 'identify',
        messageId: 'l2',
        userId: 'lee-2',
        traits: { email: 'lee@acme.io' },
        timestamp: at(55),
      },
    ]);
    const other = await profileOf(acme, 'lee-2');
    expect(other.id).not.toBe(lee.id);
    expect(other.identities).toEqual([{ type: 'user_id', value: 'lee-2' }]);
    const [identify] = (await get(acme, `/profiles/${other.id}/events`)).body.items;
    expect(identify.unlinked).toEqual([{ type: 'email', value: 'lee@acme.io', reason: 'limit' }]);
    const [first] = (await get(acme, `/profiles/${lee.id}/events`)).body.items;
    expect(first.unlinked).toEqual([]);
  });

  it("walls workspaces apart: another workspace sees none of Acme's profiles", async () => {
    const ann = await profileOf(acme, 'ann@acme.io');
    expect((await get(other, '/profiles')).body).toEqual({ items: [], nextCursor: null });
    expect((await get(other, '/profiles?q=ann%40acme.io')).body.items).toEqual([]);
    expect((await get(other, `/profiles/${ann.id}`)).status).toBe(404);
    expect((await get(other, `/profiles/${ann.id}/events`)).status).toBe(404);
  });
});
