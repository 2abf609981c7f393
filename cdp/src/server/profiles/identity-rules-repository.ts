import type { Tx } from '@orchestrator/shared/ports';
import type { IdentityRules, IdentityRulesSettings } from '../../contracts/index.ts';
import { DEFAULT_IDENTITY_RULES } from '../../domain/index.ts';

/** The row of `cdp_identity_rules`: a workspace's own identity rules; none means the defaults. */
export class IdentityRulesRepository {
  async get(tx: Tx): Promise<IdentityRulesSettings> {
    const { rows } = await tx.query<{ rules: IdentityRules; updated_at: Date }>(
      'SELECT rules, updated_at FROM cdp_identity_rules',
    );
    const row = rows[0];
    return row
      ? { rules: row.rules, isDefault: false, updatedAt: row.updated_at.toISOString() }
      : { rules: DEFAULT_IDENTITY_RULES, isDefault: true, updatedAt: null };
  }

  /** Stores the workspace's rules. Applies to messages processed from now on; existing links stay. */
  async replace(tx: Tx, tenantId: string, rules: IdentityRules): Promise<void> {
    await tx.query(
      `INSERT INTO cdp_identity_rules (tenant_id, rules) VALUES ($1, $2::jsonb)
       ON CONFLICT (tenant_id) DO UPDATE SET rules = EXCLUDED.rules, updated_at = now()`,
      [tenantId, JSON.stringify(rules)],
    );
  }

  /** Back to the defaults. */
  async reset(tx: Tx): Promise<void> {
    await tx.query('DELETE FROM cdp_identity_rules');
  }
}
