import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../ports/index.ts';
import { testDatabaseEngines, type TestDatabase } from '../testing/index.ts';

describe.each(testDatabaseEngines())('tenant isolation on $name', (engine) => {
  let test: TestDatabase;
  let db: Database;
  const tenantA = randomUUID();
  const tenantB = randomUUID();
  const userA = randomUUID();
  const userB = randomUUID();

  beforeAll(async () => {
    test = await engine.create();
    db = test.database;
    await db.systemTx(async (tx) => {
      await tx.query(`INSERT INTO tenants (id, name, slug) VALUES ($1, 'A', $3), ($2, 'B', $4)`, [
        tenantA,
        tenantB,
        `a-${tenantA.slice(0, 8)}`,
        `b-${tenantB.slice(0, 8)}`,
      ]);
      await tx.query(`INSERT INTO users (id, email, name) VALUES ($1, $3, 'Ann'), ($2, $4, 'Bob')`, [
        userA,
        userB,
        `ann-${userA}@example.com`,
        `bob-${userB}@example.com`,
      ]);
      await tx.query(
        `INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, 'owner'), ($3, $4, 'owner')`,
        [tenantA, userA, tenantB, userB],
      );
      await tx.query(
        `INSERT INTO api_keys (tenant_id, name, prefix, secret_hash, role) VALUES ($1, 'ka', $3, 'h', 'member'), ($2, 'kb', $4, 'h', 'member')`,
        [tenantA, tenantB, `pa${tenantA.slice(0, 8)}`, `pb${tenantB.slice(0, 8)}`],
      );
      await tx.query(`INSERT INTO audit_log (tenant_id, action) VALUES ($1, 'a.did'), ($2, 'b.did')`, [
        tenantA,
        tenantB,
      ]);
    });
  });

  afterAll(async () => {
    await test?.dispose();
  });

  it('a query without any WHERE clause sees only the current tenant', async () => {
    const seen = await db.tenantTx(tenantA, async (tx) => ({
      tenants: (await tx.query<{ id: string }>('SELECT id FROM tenants')).rows.map((row) => row.id),
      users: (await tx.query<{ id: string }>('SELECT id FROM users')).rows.map((row) => row.id),
      memberships: (await tx.query<{ tenant_id: string }>('SELECT tenant_id FROM memberships')).rows,
      apiKeys: (await tx.query<{ tenant_id: string }>('SELECT tenant_id FROM api_keys')).rows,
      audit: (await tx.query<{ tenant_id: string }>('SELECT tenant_id FROM audit_log')).rows,
    }));
    expect(seen.tenants).toEqual([tenantA]);
    expect(seen.users).toEqual([userA]);
    expect(seen.memberships).toEqual([{ tenant_id: tenantA }]);
    expect(seen.apiKeys).toEqual([{ tenant_id: tenantA }]);
    expect(seen.audit).toEqual([{ tenant_id: tenantA }]);
  });

  it("cannot write another tenant's rows", async () => {
    await expect(
      db.tenantTx(tenantA, (tx) =>
        tx.query(
          `INSERT INTO api_keys (tenant_id, name, prefix, secret_hash, role) VALUES ($1, 'x', 'px', 'h', 'admin')`,
          [tenantB],
        ),
      ),
    ).rejects.toThrow(/row-level security/);

    const changed = await db.tenantTx(tenantA, async (tx) => ({
      updated: (await tx.query(`UPDATE api_keys SET name = 'hijacked' WHERE tenant_id = $1`, [tenantB]))
        .rowCount,
      deleted: (await tx.query('DELETE FROM memberships WHERE tenant_id = $1', [tenantB])).rowCount,
    }));
    expect(changed).toEqual({ updated: 0, deleted: 0 });

    await expect(db.tenantTx(tenantA, (tx) => tx.query('DELETE FROM audit_log'))).rejects.toThrow(
      /permission denied/,
    );
    await expect(db.tenantTx(tenantA, (tx) => tx.query('SELECT * FROM local_credentials'))).rejects.toThrow(
      /permission denied/,
    );

    const untouched = await db.systemTx(async (tx) => ({
      keys: (await tx.query('SELECT name FROM api_keys WHERE tenant_id = $1', [tenantB])).rows,
      members: (await tx.query('SELECT role FROM memberships WHERE tenant_id = $1', [tenantB])).rows,
    }));
    expect(untouched).toEqual({ keys: [{ name: 'kb' }], members: [{ role: 'owner' }] });
  });

  it('runs tenant requests as a role that cannot bypass RLS', async () => {
    const role = await db.tenantTx(tenantA, async (tx) => {
      const { rows } = await tx.query<{ role: string; bypass: boolean; superuser: boolean }>(
        `SELECT current_user AS role, rolbypassrls AS bypass, rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`,
      );
      return rows[0];
    });
    expect(role).toEqual({ role: 'orchestrator_app', bypass: false, superuser: false });
  });

  it('has RLS and a policy on every table with a tenant_id column', async () => {
    const unprotected = await db.systemTx(async (tx) => {
      const { rows } = await tx.query<{ table_name: string }>(
        `SELECT c.relname AS table_name
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind = 'r'
           AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
           AND (NOT c.relrowsecurity OR NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid))`,
      );
      return rows.map((row) => row.table_name);
    });
    expect(unprotected).toEqual([]);
  });

  it('refuses tenant access without a tenant id', async () => {
    await expect(db.tenantTx('not-a-uuid', (tx) => tx.query('SELECT 1'))).rejects.toThrow(/must be a UUID/);
    // The id is inlined in the statement that opens the transaction: nothing but a UUID gets there.
    const injected = `${tenantA}', true); SET LOCAL role postgres; SELECT ('`;
    await expect(db.tenantTx(injected, (tx) => tx.query('SELECT 1'))).rejects.toThrow(/must be a UUID/);
  });

  it('enters the tenant and the app role for the whole transaction', async () => {
    const { rows } = await db.tenantTx(tenantA, (tx) =>
      tx.query<{ tenant: string; role: string }>(
        "SELECT current_setting('app.tenant_id') AS tenant, current_user AS role",
      ),
    );
    expect(rows).toEqual([{ tenant: tenantA, role: 'orchestrator_app' }]);
  });

  it('refuses nested transactions instead of deadlocking', async () => {
    await expect(db.systemTx(() => db.systemTx((tx) => tx.query('SELECT 1')))).rejects.toThrow(
      /Nested transaction/,
    );
    await expect(db.tenantTx(tenantA, () => db.systemQuery('SELECT 1'))).rejects.toThrow(
      /Nested transaction/,
    );
  });

  it('runs a system statement as the owner, outside any tenant, committed on its own', async () => {
    const seen = await db.systemQuery<{ role: string; tenant: string }>(
      "SELECT current_user AS role, current_setting('app.tenant_id', true) AS tenant",
    );
    expect(seen.rows[0]!.role).not.toBe('orchestrator_app');
    expect(seen.rows[0]!.tenant ?? '').toBe('');
    const action = `system.${randomUUID()}`;
    const inserted = await db.systemQuery('INSERT INTO audit_log (tenant_id, action) VALUES ($1, $2)', [
      tenantB,
      action,
    ]);
    expect(inserted.rowCount).toBe(1);
    const { rows } = await db.tenantTx(tenantB, (tx) =>
      tx.query('SELECT action FROM audit_log WHERE action = $1', [action]),
    );
    expect(rows).toEqual([{ action }]);
  });
});
