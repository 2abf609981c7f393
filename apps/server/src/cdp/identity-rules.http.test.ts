import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CdpMessage } from '@orchestrator/shared/ports';
import { eventually, testDatabaseEngines } from '@orchestrator/shared/testing';
import type { RunningSuite } from '../suite.ts';
import { call, startTestSuite } from '../testing/start-test-suite.ts';
import { sendCdpMessages, signUpWorkspace, type TestWorkspace } from '../testing/test-workspace.ts';

type Workspace = TestWorkspace;

const at = (minute: number) => new Date(Date.UTC(2024, 5, 1, 10, minute)).toISOString();

const DEFAULTS = {
  limits: { user_id: 1, email: 5, external_id: 5, phone: 5, anonymous_id: 100, group_id: 1000 },
  priority: ['user_id', 'email', 'external_id', 'phone', 'anonymous_id', 'group_id'],
  matching: ['user_id', 'email', 'external_id', 'phone', 'anonymous_id'],
};

describe.each(testDatabaseEngines())('CDP identity rules API on $name', (engine) => {
  let suite: RunningSuite;
  let acme: Workspace;
  let other: Workspace;

  const signUp = (name: string) => signUpWorkspace(suite, name);
  const send = (workspace: Workspace, messages: CdpMessage[]) => sendCdpMessages(suite, workspace, messages);
  const rulesCall = (workspace: Workspace, method: 'GET' | 'PUT' | 'DELETE', body?: unknown) =>
    call(suite, method, '/api/v1/cdp/identity-rules', { token: workspace.token, body });
  const profilesOf = (workspace: Workspace, q: string, count: number) =>
    eventually(async () => {
      const { body } = await call(suite, 'GET', `/api/v1/cdp/profiles?q=${encodeURIComponent(q)}`, {
        token: workspace.token,
      });
      expect(body.items).toHaveLength(count);
      return body.items;
    }, 20_000);

  beforeAll(async () => {
    suite = await startTestSuite(engine);
    acme = await signUp('Acme');
    other = await signUp('Other');
  });
  afterAll(() => suite?.close());

  it('answers the defaults until a workspace sets its own; admins only, checked field by field', async () => {
    expect((await rulesCall(acme, 'GET')).body).toEqual({
      rules: DEFAULTS,
      isDefault: true,
      updatedAt: null,
    });

    const own = { ...DEFAULTS, limits: { ...DEFAULTS.limits, user_id: 2 } };
    const put = await rulesCall(acme, 'PUT', own);
    expect(put).toMatchObject({ status: 200, body: { rules: own, isDefault: false } });
    expect(Date.parse(put.body.updatedAt)).not.toBeNaN();
    expect((await rulesCall(acme, 'GET')).body).toEqual(put.body);
    expect((await rulesCall(other, 'GET')).body.isDefault).toBe(true);

    const bad = await rulesCall(acme, 'PUT', {
      limits: { ...DEFAULTS.limits, email: 0 },
      priority: ['email', 'user_id'],
      matching: ['user_id', 'group_id'],
    });
    expect(bad.status).toBe(422);
    const fields = JSON.stringify(bad.body);
    expect(fields).toContain('must rank every identity type exactly once');
    expect(fields).toContain('group_id cannot link events');
    expect(fields).toContain('limits');

    const key = await call(suite, 'POST', '/api/v1/workspace/api-keys', {
      token: acme.token,
      body: { name: 'member', role: 'member' },
    });
    const member = { token: key.body.key, tenantId: acme.tenantId };
    expect((await rulesCall(member, 'GET')).status).toBe(200);
    expect((await rulesCall(member, 'PUT', DEFAULTS)).status).toBe(403);
    expect((await rulesCall(member, 'DELETE')).status).toBe(403);

    const { body: openapi } = await call(suite, 'GET', '/api/v1/openapi.json');
    expect(Object.keys(openapi.paths['/api/v1/cdp/identity-rules']).sort()).toEqual(['delete', 'get', 'put']);

    const reset = await rulesCall(acme, 'DELETE');
    expect(reset).toMatchObject({ status: 200, body: { rules: DEFAULTS, isDefault: true, updatedAt: null } });
  });

  it("resolves the workspace's messages by its own rules from the moment they are saved", async () => {
    // The defaults: one user id per customer, so a second user id with the same e-mail is someone else.
    await send(acme, [
      {
        type: 'identify',
        messageId: 'd1',
        userId: 'dee',
        traits: { email: 'dee@acme.io' },
        timestamp: at(1),
      },
    ]);
    await profilesOf(acme, 'dee', 1);
    await send(acme, [
      {
        type: 'identify',
        messageId: 'd2',
        userId: 'dee-2',
        traits: { email: 'dee@acme.io' },
        timestamp: at(2),
      },
    ]);
    const [dee2] = await profilesOf(acme, 'dee-2', 1);
    expect(dee2.identities).toEqual([{ type: 'user_id', value: 'dee-2' }]);

    // Two user ids allowed, and e-mails no longer link events.
    const own = {
      ...DEFAULTS,
      limits: { ...DEFAULTS.limits, user_id: 2 },
      matching: ['user_id', 'external_id', 'phone', 'anonymous_id'],
    };
    expect((await rulesCall(acme, 'PUT', own)).status).toBe(200);
    await send(acme, [
      { type: 'identify', messageId: 'f1', userId: 'fay', anonymousId: 'fay-web', timestamp: at(3) },
    ]);
    await profilesOf(acme, 'fay', 1);
    await send(acme, [
      { type: 'identify', messageId: 'f2', userId: 'fay-2', anonymousId: 'fay-web', timestamp: at(4) },
    ]);
    const [fay] = await eventually(async () => {
      const found = await profilesOf(acme, 'fay-web', 1);
      expect(found[0].identities).toContainEqual({ type: 'user_id', value: 'fay-2' });
      return found;
    }, 20_000);
    expect(fay.identities).toEqual(
      expect.arrayContaining([
        { type: 'user_id', value: 'fay' },
        { type: 'user_id', value: 'fay-2' },
      ]),
    );

    const ivyOn = async (workspace: Workspace) => {
      const sent = (device: string, minute: number) =>
        send(workspace, [
          {
            type: 'identify',
            messageId: `ivy-${device}`,
            anonymousId: `ivy-${device}`,
            traits: { email: 'ivy@ivy.io' },
            timestamp: at(minute),
          },
        ]);
      await sent('phone', 5);
      const [phone] = await profilesOf(workspace, 'ivy-phone', 1);
      await sent('laptop', 6);
      return { phone, laptop: (await profilesOf(workspace, 'ivy-laptop', 1))[0] };
    };
    // The same e-mail on two devices: two customers here (the e-mail is the first one's identity, the
    // second keeps it as a trait).
    const acmeIvy = await ivyOn(acme);
    expect(acmeIvy.laptop.id).not.toBe(acmeIvy.phone.id);
    expect(acmeIvy.laptop.identities).toEqual([{ type: 'anonymous_id', value: 'ivy-laptop' }]);
    expect(acmeIvy.laptop.traits).toEqual({ email: 'ivy@ivy.io' });
    // What was linked before stays as it was.
    const again = await call(suite, 'GET', `/api/v1/cdp/profiles/${dee2.id}`, { token: acme.token });
    expect(again.body.identities).toEqual([{ type: 'user_id', value: 'dee-2' }]);

    // Another workspace keeps the defaults: the e-mail makes them one customer.
    const otherIvy = await ivyOn(other);
    expect(otherIvy.laptop.id).toBe(otherIvy.phone.id);
  });
});
