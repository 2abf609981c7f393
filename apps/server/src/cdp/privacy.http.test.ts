import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve, TOKENS } from '@orchestrator/shared/di';
import type { CdpMessage } from '@orchestrator/shared/ports';
import { eventually, testDatabaseEngines } from '@orchestrator/shared/testing';
import type { RunningSuite } from '../suite.ts';
import { call, startTestSuite } from '../testing/start-test-suite.ts';
import { sendCdpMessages, signUpWorkspace, type TestWorkspace } from '../testing/test-workspace.ts';

type Workspace = TestWorkspace;

const at = (minute: number) => new Date(Date.UTC(2024, 6, 1, 10, minute)).toISOString();
const preferences = (categoryPreferences: Record<string, boolean>) => ({ consent: { categoryPreferences } });

describe.each(testDatabaseEngines())('CDP GDPR export and erasure on $name', (engine) => {
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

  /** Two profiles (a device, then an e-mail) merged by a third message. */
  const mergedPerson = async (name: string) => {
    await send(acme, [
      { type: 'page', messageId: `${name}-p1`, anonymousId: `${name}-device`, timestamp: at(20) },
      {
        type: 'identify',
        messageId: `${name}-i1`,
        userId: `${name}-42`,
        traits: { email: `${name}@acme.io`, name },
        context: preferences({ Analytics: true }),
        timestamp: at(21),
      },
    ]);
    await profileOf(acme, `${name}-device`, 1);
    await profileOf(acme, `${name}@acme.io`, 1);
    await send(acme, [
      {
        type: 'track',
        event: 'Linked',
        messageId: `${name}-t1`,
        anonymousId: `${name}-device`,
        userId: `${name}-42`,
        timestamp: at(22),
      },
    ]);
    const survivor = await profileOf(acme, `${name}@acme.io`, 3);
    const { body } = await api(acme, 'GET', `/profiles/${survivor.id}/merges`);
    expect(body.items).toHaveLength(1);
    return { survivorId: survivor.id as string, absorbedId: body.items[0].absorbedId as string };
  };

  it('exports everything about a person, the profiles merged into it included, as a download', async () => {
    const { survivorId, absorbedId } = await mergedPerson('dana');
    expect((await api(memberKey, 'GET', `/profiles/${survivorId}/export`)).status).toBe(403);

    // A merged-away id exports its survivor.
    const exported = await api(acme, 'GET', `/profiles/${absorbedId}/export`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toMatch(/^application\/json/);
    expect(exported.headers.get('content-disposition')).toBe(
      `attachment; filename="customer-${survivorId}.json"`,
    );
    expect(exported.headers.get('cache-control')).toBe('no-store');
    const document = exported.body;
    expect(document).toMatchObject({
      format: 'orchestrator.cdp.profile-export/v1',
      profileId: survivorId,
      eventCount: 3,
      consents: { analytics: { status: 'granted', source: 'context' } },
    });
    expect(document.profiles.map((profile: { id: string }) => profile.id).sort()).toEqual(
      [survivorId, absorbedId].sort(),
    );
    expect(document.events.map((event: { messageId: string }) => event.messageId).sort()).toEqual([
      'dana-i1',
      'dana-p1',
      'dana-t1',
    ]);
    // The absorbed profile's events are there, attributed to it.
    expect(new Set(document.events.map((event: { profileId: string }) => event.profileId))).toEqual(
      new Set([survivorId, absorbedId]),
    );
    expect(document.identities).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'email', value: 'dana@acme.io' }),
        expect.objectContaining({ type: 'anonymous_id', value: 'dana-device' }),
        expect.objectContaining({ type: 'user_id', value: 'dana-42' }),
      ]),
    );
    expect(document.merges).toEqual([expect.objectContaining({ survivorId, absorbedId })]);
    expect(document.consentHistory).toEqual([
      expect.objectContaining({ purpose: 'analytics', messageId: 'dana-i1' }),
    ]);
    expect(typeof document.related).toBe('object');
    expect((await api(acme, 'GET', `/profiles/${randomUUID()}/export`)).status).toBe(404);
  });

  it('erases a person everywhere, audited without personal data, and drops their late messages', async () => {
    const { survivorId, absorbedId } = await mergedPerson('erin');
    expect((await api(memberKey, 'DELETE', `/profiles/${survivorId}`)).status).toBe(403);
    const person = ['erin@acme.io', 'erin-42', 'erin-device'];
    // The check below sees the person before…
    expect(await leftovers(acme.tenantId, [survivorId, absorbedId], person)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^cdp_events: 3$/),
        expect.stringMatching(/^cdp_profiles: 2$/),
      ]),
    );

    const deleted = await api(acme, 'DELETE', `/profiles/${absorbedId}`);
    expect(deleted.status).toBe(204);
    for (const id of [survivorId, absorbedId]) {
      expect((await api(acme, 'GET', `/profiles/${id}`)).status).toBe(404);
      expect((await api(acme, 'DELETE', `/profiles/${id}`)).status).toBe(404);
      expect((await api(acme, 'GET', `/profiles/${id}/export`)).status).toBe(404);
    }
    // …and nothing of them after.
    expect(await leftovers(acme.tenantId, [survivorId, absorbedId], person)).toEqual([]);

    const audit = await call(suite, 'GET', '/api/v1/workspace/audit-log', { token: acme.token });
    const entry = audit.body.items.find((item: { action: string }) => item.action === 'cdp.profile.erased');
    expect(entry).toMatchObject({
      targetId: survivorId,
      details: { profiles: 2, identities: 3, events: 3, merges: 1, consents: 1, suppressions: 3 },
    });
    expect(JSON.stringify(entry)).not.toMatch(/erin/i);

    // Old queued messages carrying the deleted ids are dropped; a never-seen id still makes a profile.
    await send(acme, [
      { type: 'track', event: 'Late', messageId: 'erin-late-1', userId: 'erin-42', timestamp: at(30) },
      {
        type: 'page',
        messageId: 'erin-late-2',
        anonymousId: 'x-new',
        context: { traits: { email: 'Erin@acme.io' } },
        timestamp: at(31),
      },
      { type: 'page', messageId: 'fresh-1', anonymousId: 'fresh-device', timestamp: at(32) },
    ]);
    await profileOf(acme, 'fresh-device', 1);
    await eventually(async () => {
      const stats = await api(acme, 'GET', '/privacy/suppressions');
      expect(stats.body).toMatchObject({ entries: 3, droppedMessages: 2 });
    }, 20_000);
    expect((await api(acme, 'GET', '/profiles?q=erin')).body.items).toEqual([]);
    expect((await api(acme, 'GET', '/profiles?q=x-new')).body.items).toEqual([]);
    expect(await leftovers(acme.tenantId, [], ['erin@acme.io', 'erin-42', 'x-new'])).toEqual([]);
  });

  it("walls workspaces apart: another workspace can neither export nor delete Acme's profiles", async () => {
    const { survivorId } = await mergedPerson('wall');
    const path = `/profiles/${survivorId}`;
    expect((await api(other, 'GET', `${path}/export`)).status).toBe(404);
    expect((await api(other, 'DELETE', path)).status).toBe(404);
    expect((await api(other, 'GET', '/privacy/suppressions')).body).toMatchObject({ entries: 0 });
    expect((await api(acme, 'GET', path)).status).toBe(200);
    expect((await api(acme, 'GET', `${path}/export`)).status).toBe(200);
  });

  /**
   * Rows of the tenant, in any table, that still name the profiles (a profile_id column, or any
   * uuid column of a cdp table) or whose content mentions one of the person's values — found through
   * information_schema, so tables added later are checked too.
   */
  async function leftovers(tenantId: string, profileIds: string[], values: string[]): Promise<string[]> {
    const database = await resolve(suite.container, TOKENS.Database);
    return database.systemTx(async (tx) => {
      const { rows: tables } = await tx.query<{ table_name: string; uuid_columns: string[] }>(
        `SELECT c.table_name,
           array_agg(c.column_name::text) FILTER (WHERE c.data_type = 'uuid' AND c.column_name <> 'tenant_id') AS uuid_columns
         FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
         WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
           AND c.table_name IN (SELECT table_name FROM information_schema.columns
                                WHERE table_schema = 'public' AND column_name = 'tenant_id')
         GROUP BY c.table_name`,
      );
      const found: string[] = [];
      for (const { table_name: table, uuid_columns: uuidColumns } of tables) {
        const cdpTable = table.startsWith('cdp_');
        const idColumns = (uuidColumns ?? []).filter((column) => cdpTable || column === 'profile_id');
        const conditions = [
          ...idColumns.map((column) => `"${column}" = ANY($2::uuid[])`),
          // Content: every cdp table, as text (the bus log and outbox are transport, with their own retention).
          ...(cdpTable
            ? [`EXISTS (SELECT 1 FROM unnest($3::text[]) v WHERE position(lower(v) IN lower(t::text)) > 0)`]
            : []),
        ];
        if (conditions.length === 0) continue;
        const { rows } = await tx.query<{ n: string }>(
          // (Both arrays are typed even when one is unused, so every table's statement prepares.)
          `SELECT count(*) AS n FROM "${table}" t
           WHERE tenant_id = $1 AND cardinality($2::uuid[]) + cardinality($3::text[]) >= 0
             AND (${conditions.join(' OR ')})`,
          [tenantId, profileIds, values],
        );
        if (Number(rows[0]?.n) > 0) found.push(`${table}: ${rows[0]?.n}`);
      }
      return found;
    });
  }
});
