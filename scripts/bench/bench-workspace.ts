/** The workspace and source the traffic is sent to (through the public API), and what the run left in it. */
import { randomBytes } from 'node:crypto';
import type { Database } from '@orchestrator/shared/ports';
import type { RunningSuite } from '@orchestrator/server';

export interface Workspace {
  tenantId: string;
  sourceId: string;
  writeKey: string;
}

export async function post(suite: RunningSuite, path: string, body: unknown, token?: string) {
  const response = await fetch(suite.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

export async function newWorkspace(suite: RunningSuite): Promise<Workspace> {
  const signup = await post(suite, '/api/v1/auth/signup', {
    email: `bench-${randomBytes(4).toString('hex')}@example.com`,
    password: 'benchmark password 1',
    name: 'Bench',
    workspace: 'Bench Co',
  });
  const token = signup.token as string;
  const source = await post(suite, '/api/v1/cdp/sources', { name: 'Web' }, token);
  return {
    tenantId: (signup.tenant as { id: string }).id,
    sourceId: source.id as string,
    writeKey: source.writeKey as string,
  };
}

// ---------------------------------------------------------------------------------------------------
// What the run left in the database

export async function databaseFacts(database: Database, tenantId: string) {
  return database.systemTx(async (tx) => {
    const one = async (sql: string) => Number((await tx.query<{ n: number }>(sql, [tenantId])).rows[0]!.n);
    return {
      events: await one('SELECT count(*) AS n FROM cdp_events WHERE tenant_id = $1'),
      unprocessedEvents: await one(
        'SELECT count(*) AS n FROM cdp_events WHERE tenant_id = $1 AND processed_seq IS NULL',
      ),
      liveProfiles: await one(
        'SELECT count(*) AS n FROM cdp_profiles WHERE tenant_id = $1 AND merged_into IS NULL',
      ),
      mergedProfiles: await one(
        'SELECT count(*) AS n FROM cdp_profiles WHERE tenant_id = $1 AND merged_into IS NOT NULL',
      ),
      merges: await one('SELECT count(*) AS n FROM cdp_merges WHERE tenant_id = $1'),
      identities: await one('SELECT count(*) AS n FROM cdp_identities WHERE tenant_id = $1'),
      countedEvents: await one(
        'SELECT coalesce(sum(event_count), 0) AS n FROM cdp_profiles WHERE tenant_id = $1 AND merged_into IS NULL',
      ),
      rejectedMessages: await one('SELECT count(*) AS n FROM cdp_rejected_messages WHERE tenant_id = $1'),
    };
  });
}

// ---------------------------------------------------------------------------------------------------
