import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CdpMessage } from '@orchestrator/shared/ports';
import { eventually, testDatabaseEngines } from '@orchestrator/shared/testing';
import type { RunningSuite } from '../suite.ts';
import { call, startTestSuite } from '../testing/start-test-suite.ts';
import { sendCdpMessages, signUpWorkspace, type TestWorkspace } from '../testing/test-workspace.ts';

type Workspace = TestWorkspace;

const at = (minute: number) => new Date(Date.UTC(2024, 6, 1, 10, minute)).toISOString();
const preferences = (categoryPreferences: Record<string, boolean>) => ({ consent: { categoryPreferences } });

describe.each(testDatabaseEngines())('CDP consent API on $name', (engine) => {
  let suite: RunningSuite;
  let acme: Workspace;
  let other: Workspace;
  let memberKey: string;

  const signUp = (name: string) => signUpWorkspace(suite, name);
  const send = (workspace: Workspace, messages: CdpMessage[]) => sendCdpMessages(suite, workspace, messages);
  const api = (workspace: Workspace | string, method: string, path: string, body?: unknown) =>
    call(suite, method, `/api/v1/cdp${path}`, {
      token: typeof workspace === 'string' ? workspace : workspace.token,
      body,
    });
  /** The one profile `q` finds, once it has `events` events. */
  const profileOf = (workspace: Workspace, q: string, events?: number) =>
    eventually(async () => {
      const { body } = await api(workspace, 'GET', `/profiles?q=${encodeURIComponent(q)}`);
      expect(body.items).toHaveLength(1);
      if (events !== undefined) expect(body.items[0].eventCount).toBe(events);
      return body.items[0];
    }, 20_000);

  beforeAll(async () => {
    suite = await startTestSuite(engine);
    acme = await signUp('Acme');
    other = await signUp('Other');
    const key = await call(suite, 'POST', '/api/v1/workspace/api-keys', {
      token: acme.token,
      body: { name: 'member', role: 'member' },
    });
    memberKey = key.body.key;
  });
  afterAll(() => suite?.close());

  it('takes consent from context and traits, latest by event time, whatever order messages arrive in', async () => {
    // Sent newest first: arrival order is the opposite of event order.
    await send(acme, [
      {
        type: 'page',
        messageId: 'c3',
        userId: 'cora',
        context: preferences({ Analytics: false }),
        timestamp: at(7),
      },
      {
        type: 'identify',
        messageId: 'c2',
        userId: 'cora',
        traits: { email: 'cora@acme.io', consent: { marketing: true } },
        timestamp: at(5),
      },
      {
        type: 'track',
        event: 'Segment Consent Preference Updated',
        messageId: 'c1',
        userId: 'cora',
        context: preferences({ Advertising: false, Analytics: true, DataSharing: false }),
        timestamp: at(3),
      },
    ]);
    const cora = await profileOf(acme, 'cora@acme.io', 3);
    const { status, body } = await api(acme, 'GET', `/profiles/${cora.id}/consent`);
    expect(status).toBe(200);
    expect(body).toEqual({
      profileId: cora.id,
      purposes: {
        // Granted by the identify at :05, after the consent manager's "no" at :03.
        marketing: { status: 'granted', updatedAt: at(5), source: 'traits' },
        // Granted at :03, then denied at :07.
        analytics: { status: 'revoked', updatedAt: at(7), source: 'context' },
        data_sharing: { status: 'denied', updatedAt: at(3), source: 'context' },
      },
    });
    // Any member may read consent.
    expect((await api(memberKey, 'GET', `/profiles/${cora.id}/consent`)).status).toBe(200);
  });

  it('records consent through the API (admins only), audited, and newer than older messages', async () => {
    const cora = await profileOf(acme, 'cora@acme.io', 3);
    const path = `/profiles/${cora.id}/consent`;
    expect((await api(memberKey, 'PUT', path, { purposes: { marketing: 'denied' } })).status).toBe(403);
    const bad = await api(acme, 'PUT', path, { purposes: { 'Bad Purpose': 'granted', sales: 'maybe' } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((error: { field: string }) => error.field).join(' ')).toMatch(/purposes/);
    expect((await api(acme, 'PUT', path, { purposes: {} })).status).toBe(422);

    const before = Date.now();
    const put = await api(acme, 'PUT', path, { purposes: { marketing: 'denied', sales: 'granted' } });
    expect(put.status).toBe(200);
    expect(put.body.purposes).toMatchObject({
      marketing: { status: 'denied', source: 'api' },
      sales: { status: 'granted', source: 'api' },
      analytics: { status: 'revoked', source: 'context' },
    });
    expect(Date.parse(put.body.purposes.marketing.updatedAt)).toBeGreaterThanOrEqual(before - 1000);

    // A message with an older event time does not override what was set afterwards.
    await send(acme, [
      {
        type: 'page',
        messageId: 'c4',
        userId: 'cora',
        context: preferences({ Advertising: true }),
        timestamp: at(9),
      },
    ]);
    await profileOf(acme, 'cora@acme.io', 4);
    expect((await api(acme, 'GET', path)).body.purposes.marketing).toMatchObject({
      status: 'denied',
      source: 'api',
    });

    const audit = await call(suite, 'GET', '/api/v1/workspace/audit-log', { token: acme.token });
    expect(audit.body.items).toContainEqual(
      expect.objectContaining({
        action: 'cdp.consent.updated',
        targetId: cora.id,
        details: { purposes: { marketing: 'denied', sales: 'granted' } },
      }),
    );
  });

  it("walls workspaces apart: another workspace can neither read nor change Acme's consent", async () => {
    const cora = await profileOf(acme, 'cora@acme.io');
    const path = `/profiles/${cora.id}/consent`;
    expect((await api(other, 'GET', path)).status).toBe(404);
    expect((await api(other, 'PUT', path, { purposes: { marketing: 'granted' } })).status).toBe(404);
    expect((await api(acme, 'GET', path)).body.purposes.marketing.status).toBe('denied');
  });
});
