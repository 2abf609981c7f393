import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role, Tenant, User } from '@orchestrator/shared/contracts';
import type { AccessDirectory } from '@orchestrator/shared/http';
import type { Database, Tx } from '@orchestrator/shared/ports';

interface TenantRow {
  id: string;
  name: string;
  slug: string;
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Users, workspaces and memberships: the rows behind sign-up, sign-in and every request's principal. */
export class AccountsRepository implements AccessDirectory {
  constructor(private readonly database: Database) {}

  async membership(
    userId: string,
    tenantId: string | undefined,
  ): Promise<{ tenantId: string; role: Role } | undefined> {
    // Every authenticated request asks: one statement, not a transaction around it.
    const { rows } = tenantId
      ? await this.database.systemQuery<{ tenant_id: string; role: Role }>(
          'SELECT tenant_id, role FROM memberships WHERE user_id = $1 AND tenant_id = $2',
          [userId, tenantId],
        )
      : await this.database.systemQuery<{ tenant_id: string; role: Role }>(
          'SELECT tenant_id, role FROM memberships WHERE user_id = $1 ORDER BY created_at, tenant_id LIMIT 1',
          [userId],
        );
    const row = rows[0];
    return row ? { tenantId: row.tenant_id, role: row.role } : undefined;
  }

  async apiKey(secret: string): Promise<{ apiKeyId: string; tenantId: string; role: Role } | undefined> {
    const prefix = apiKeyPrefixOf(secret);
    if (!prefix) return undefined;
    const { rows } = await this.database.systemQuery<{
      id: string;
      tenant_id: string;
      role: Role;
      secret_hash: string;
    }>('SELECT id, tenant_id, role, secret_hash FROM api_keys WHERE prefix = $1 AND revoked_at IS NULL', [
      prefix,
    ]);
    const row = rows[0];
    if (!row) return undefined;
    const matches = timingSafeEqual(Buffer.from(row.secret_hash), Buffer.from(sha256(secret)));
    return matches ? { apiKeyId: row.id, tenantId: row.tenant_id, role: row.role } : undefined;
  }

  async upsertUser(tx: Tx, user: User): Promise<User> {
    const { rows } = await tx.query<User>(
      `INSERT INTO users (id, email, name) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email
       RETURNING id, email, name`,
      [user.id, user.email, user.name],
    );
    return rows[0]!;
  }

  async findUser(tx: Tx, userId: string): Promise<User | undefined> {
    const { rows } = await tx.query<User>('SELECT id, email, name FROM users WHERE id = $1', [userId]);
    return rows[0];
  }

  /** Creates the workspace under `slug`, or `slug-xxxx` when that is taken. */
  async createTenant(tx: Tx, name: string, slug: string): Promise<Tenant> {
    for (const candidate of [
      slug,
      `${slug}-${randomBytes(2).toString('hex')}`,
      `${slug}-${randomBytes(4).toString('hex')}`,
    ]) {
      const { rows } = await tx.query<TenantRow>(
        'INSERT INTO tenants (name, slug) VALUES ($1, $2) ON CONFLICT (slug) DO NOTHING RETURNING id, name, slug',
        [name, candidate],
      );
      if (rows[0]) return rows[0];
    }
    throw new Error(`Could not find a free workspace slug for "${slug}"`);
  }

  async addMembership(tx: Tx, tenantId: string, userId: string, role: Role): Promise<void> {
    await tx.query('INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, $3)', [
      tenantId,
      userId,
      role,
    ]);
  }

  async membershipsOf(tx: Tx, userId: string): Promise<Array<{ tenant: Tenant; role: Role }>> {
    const { rows } = await tx.query<TenantRow & { role: Role }>(
      `SELECT t.id, t.name, t.slug, m.role FROM memberships m JOIN tenants t ON t.id = m.tenant_id
       WHERE m.user_id = $1 ORDER BY m.created_at, t.id`,
      [userId],
    );
    return rows.map(({ role, ...tenant }) => ({ tenant, role }));
  }
}

/** `ork_<8-char prefix>_<secret>`: the prefix finds the row, the hash of the whole key proves it. */
export function apiKeyPrefixOf(secret: string): string | undefined {
  return /^ork_([a-z0-9]{8})_[A-Za-z0-9_-]{20,}$/.exec(secret)?.[1];
}
