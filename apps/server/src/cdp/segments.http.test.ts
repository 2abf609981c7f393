import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CDP_PROFILE_EVENTS_TOPIC } from '@orchestrator/cdp/contracts';
import { resolve, TOKENS } from '@orchestrator/shared/di';
import type { CdpMessage, DeliveredMessage, Subscription } from '@orchestrator/shared/ports';
import { eventually, testDatabaseEngines } from '@orchestrator/shared/testing';
import type { RunningSuite } from '../suite.ts';
import { call, startTestSuite } from '../testing/start-test-suite.ts';
import { sendCdpMessages, signUpWorkspace, type TestWorkspace } from '../testing/test-workspace.ts';

type Workspace = TestWorkspace;

const DAY = 24 * 60 * 60 * 1000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

describe.each(testDatabaseEngines())('CDP segments API on $name', (engine) => {
  let suite: RunningSuite;
  let acme: Workspace;
  let other: Workspace;
  let subscription: Subscription;
  const busEvents: DeliveredMessage[] = [];
  let message = 0;

  const signUp = (name: string) => signUpWorkspace(suite, name);
  /** As a module sends: through the CdpClient in its own transaction; relay and cdp-worker do the rest. */
  const send = (workspace: Workspace, messages: Array<Omit<CdpMessage, 'messageId'>>) =>
    sendCdpMessages(
      suite,
      workspace,
      messages.map((sent) => ({ messageId: `seg-${message++}`, timestamp: ago(0), ...sent })),
    );
  const api = (workspace: Workspace, method: string, path: string, body?: unknown) =>
    call(suite, method, `/api/v1/cdp${path}`, { token: workspace.token, body });
  const profileOf = (
    workspace: Workspace,
    q: string,
    check: (profile: { eventCount: number }) => void = () => {},
  ) =>
    eventually(async () => {
      const { body } = await api(workspace, 'GET', `/profiles?q=${encodeURIComponent(q)}`);
      expect(body.items).toHaveLength(1);
      check(body.items[0]);
      return body.items[0];
    }, 20_000);
  const memberIds = async (workspace: Workspace, segmentId: string): Promise<string[]> => {
    const { status, body } = await api(workspace, 'GET', `/segments/${segmentId}/members`);
    expect(status).toBe(200);
    return body.items.map((item: { profile: { id: string } }) => item.profile.id);
  };
  const segmentEventsOf = (profileId: string) =>
    busEvents
      .map((delivered) => delivered.value as { type: string; profileId: string; segmentId?: string })
      .filter((event) => event.profileId === profileId && event.type.startsWith('Segment '));

  beforeAll(async () => {
    suite = await startTestSuite(engine);
    acme = await signUp('Acme');
    other = await signUp('Other');
    const bus = await resolve(suite.container, TOKENS.EventBus);
    subscription = await bus.subscribe({
      topic: CDP_PROFILE_EVENTS_TOPIC,
      group: `segments-test-${randomUUID()}`,
      handler: async (batch) => void busEvents.push(...batch),
    });
  });
  afterAll(async () => {
    await subscription?.stop();
    await suite?.close();
  });

  it('validates rules field by field, refuses duplicate names, and lets viewers read only', async () => {
    const bad = await api(acme, 'POST', '/segments', {
      name: 'Bad',
      rule: {
        and: [
          { trait: 'plan', op: 'equals', value: 'pro' },
          { event: 'Login', withinDays: 0 },
        ],
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([
      { field: 'body.rule.and.0.op', message: expect.stringContaining('must be one of eq, neq') },
      { field: 'body.rule.and.1.withinDays', message: expect.any(String) },
    ]);

    const created = await api(acme, 'POST', '/segments', {
      name: 'Anyone named',
      description: 'Profiles with a name',
      rule: { trait: 'name', op: 'exists' },
    });
    expect(created).toMatchObject({
      status: 201,
      body: {
        name: 'Anyone named',
        description: 'Profiles with a name',
        memberCount: 0,
        timeWindowed: false,
      },
    });
    expect((await api(acme, 'POST', '/segments', { name: 'ANYONE NAMED', rule: { and: [] } })).status).toBe(
      409,
    );
    expect((await api(acme, 'GET', '/segments')).body.items.map((item: { id: string }) => item.id)).toContain(
      created.body.id,
    );

    const key = await call(suite, 'POST', '/api/v1/workspace/api-keys', {
      token: acme.token,
      body: { name: 'viewer', role: 'viewer' },
    });
    const viewer = { token: key.body.key, tenantId: acme.tenantId };
    expect((await api(viewer, 'GET', `/segments/${created.body.id}`)).status).toBe(200);
    expect((await api(viewer, 'POST', '/segments/preview', { rule: { and: [] } })).status).toBe(200);
    expect((await api(viewer, 'POST', '/segments', { name: 'Nope', rule: { and: [] } })).status).toBe(403);
    expect((await api(viewer, 'POST', `/segments/${created.body.id}/evaluate`)).status).toBe(403);
    expect((await api(viewer, 'DELETE', `/segments/${created.body.id}`)).status).toBe(403);
    expect((await api(acme, 'DELETE', `/segments/${created.body.id}`)).status).toBe(204);
    expect((await api(acme, 'GET', `/segments/${created.body.id}`)).status).toBe(404);
  });

  it('enters a profile as its events arrive, says so on the bus, and lets it exit when its traits change', async () => {
    const { status, body: segment } = await api(acme, 'POST', '/segments', {
      name: 'Pro buyers',
      rule: {
        and: [
          { trait: 'plan', op: 'eq', value: 'pro' },
          { event: 'Order Completed', atLeast: 2, withinDays: 30 },
        ],
      },
    });
    expect(status).toBe(201);
    expect(segment.timeWindowed).toBe(true);

    await send(acme, [
      { type: 'identify', userId: 'pia', traits: { name: 'Pia', plan: 'Pro' }, timestamp: ago(3 * DAY) },
      { type: 'track', userId: 'pia', event: 'Order Completed', timestamp: ago(2 * DAY) },
    ]);
    const pia = await profileOf(acme, 'pia', (profile) => expect(profile.eventCount).toBe(2));
    // One order is not enough.
    expect(await memberIds(acme, segment.id)).toEqual([]);

    await send(acme, [{ type: 'track', userId: 'pia', event: 'Order Completed', timestamp: ago(DAY) }]);
    await eventually(async () => expect(await memberIds(acme, segment.id)).toEqual([pia.id]), 20_000);
    const stays = await api(acme, 'GET', `/profiles/${pia.id}/segments`);
    expect(stays.body.items).toEqual([
      { segmentId: segment.id, segmentName: 'Pro buyers', enteredAt: expect.any(String), exitedAt: null },
    ]);
    await eventually(
      () =>
        expect(segmentEventsOf(pia.id)).toEqual([
          expect.objectContaining({
            type: 'Segment Entered',
            segmentId: segment.id,
            segmentName: 'Pro buyers',
          }),
        ]),
      20_000,
    );
    expect((await api(acme, 'GET', `/segments/${segment.id}`)).body.memberCount).toBe(1);

    await send(acme, [{ type: 'identify', userId: 'pia', traits: { plan: 'free' } }]);
    await eventually(async () => expect(await memberIds(acme, segment.id)).toEqual([]), 20_000);
    const after = await api(acme, 'GET', `/profiles/${pia.id}/segments`);
    expect(after.body.items).toEqual([
      {
        segmentId: segment.id,
        segmentName: 'Pro buyers',
        enteredAt: expect.any(String),
        exitedAt: expect.any(String),
      },
    ]);
    await eventually(
      () =>
        expect(segmentEventsOf(pia.id).map((event) => event.type)).toEqual([
          'Segment Entered',
          'Segment Exited',
        ]),
      20_000,
    );
  });

  it('counts a rule live, evaluates a segment fully on demand, and filters the profiles list by it', async () => {
    await send(acme, [
      { type: 'identify', userId: 'vic', traits: { name: 'Vic', tier: 'gold' } },
      { type: 'identify', userId: 'wes', traits: { name: 'Wes', tier: 'silver' } },
      // Inside "the last 7 days" for three more seconds.
      { type: 'track', userId: 'vic', event: 'Logged In', timestamp: ago(7 * DAY - 3000) },
    ]);
    const vic = await profileOf(acme, 'vic', (profile) => expect(profile.eventCount).toBe(2));
    const wes = await profileOf(acme, 'wes');

    const preview = await api(acme, 'POST', '/segments/preview', {
      rule: { trait: 'tier', op: 'in', value: ['GOLD', 'silver'] },
    });
    expect(preview).toMatchObject({ status: 200, body: { count: 2 } });
    expect(preview.body.sample.map((profile: { id: string }) => profile.id).sort()).toEqual(
      [vic.id, wes.id].sort(),
    );
    expect(
      (await api(acme, 'POST', '/segments/preview', { rule: { trait: 'tier', op: 'eq', value: 'bronze' } }))
        .body,
    ).toEqual({
      count: 0,
      sample: [],
    });
    expect((await api(acme, 'POST', '/segments/preview', { rule: { not: 'nothing' } })).status).toBe(422);

    const { body: active } = await api(acme, 'POST', '/segments', {
      name: 'Logged in this week',
      rule: { event: 'Logged In', withinDays: 7 },
    });
    // Evaluated at creation: Vic is in at once, without any new event.
    expect(active.memberCount).toBe(1);
    expect(await memberIds(acme, active.id)).toEqual([vic.id]);

    const listed = await api(acme, 'GET', `/profiles?segment=${active.id}`);
    expect(listed.body.items.map((profile: { id: string }) => profile.id)).toEqual([vic.id]);
    expect((await api(acme, 'GET', '/profiles?segment=not-an-id')).status).toBe(422);

    // Time alone takes Vic out: the login ages past 7 days; "evaluate now" notices (as the sweep would).
    await new Promise((resolve) => setTimeout(resolve, 3500));
    const evaluated = await api(acme, 'POST', `/segments/${active.id}/evaluate`);
    expect(evaluated).toMatchObject({ status: 200, body: { entered: 0, exited: 1, memberCount: 0 } });
    expect((await api(acme, 'GET', `/profiles?segment=${active.id}`)).body.items).toEqual([]);
    await eventually(
      () =>
        expect(
          segmentEventsOf(vic.id)
            .filter((event) => event.segmentId === active.id)
            .map((event) => event.type),
        ).toEqual(['Segment Entered', 'Segment Exited']),
      20_000,
    );

    // A changed rule is evaluated at once.
    const changed = await api(acme, 'PUT', `/segments/${active.id}`, {
      name: 'Silver tier',
      rule: { trait: 'tier', op: 'eq', value: 'silver' },
    });
    expect(changed).toMatchObject({
      status: 200,
      body: { name: 'Silver tier', memberCount: 1, timeWindowed: false },
    });
    expect(await memberIds(acme, active.id)).toEqual([wes.id]);
  });

  it("walls workspaces apart: another workspace sees none of Acme's segments or memberships", async () => {
    const { body: segments } = await api(acme, 'GET', '/segments');
    const silver = segments.items.find((segment: { name: string }) => segment.name === 'Silver tier');
    const wes = await profileOf(acme, 'wes');
    expect((await api(other, 'GET', '/segments')).body).toEqual({ items: [] });
    expect((await api(other, 'GET', `/segments/${silver.id}`)).status).toBe(404);
    expect((await api(other, 'GET', `/segments/${silver.id}/members`)).status).toBe(404);
    expect((await api(other, 'POST', `/segments/${silver.id}/evaluate`)).status).toBe(404);
    expect(
      (await api(other, 'PUT', `/segments/${silver.id}`, { name: 'Mine', rule: { and: [] } })).status,
    ).toBe(404);
    expect((await api(other, 'DELETE', `/segments/${silver.id}`)).status).toBe(404);
    expect((await api(other, 'GET', `/profiles/${wes.id}/segments`)).status).toBe(404);
    expect((await api(other, 'GET', `/profiles?segment=${silver.id}`)).body.items).toEqual([]);
    expect((await api(other, 'POST', '/segments/preview', { rule: { and: [] } })).body).toEqual({
      count: 0,
      sample: [],
    });
    // The same name is free in another workspace.
    expect((await api(other, 'POST', '/segments', { name: 'Silver tier', rule: { and: [] } })).status).toBe(
      201,
    );
    expect((await api(acme, 'GET', `/segments/${silver.id}`)).body.memberCount).toBe(1);
  });
});
