import type { Tx } from '@orchestrator/shared/ports';
import type { TraitDefinition } from '../../contracts/trait-definitions-api.ts';
import type { TraitStrategy } from '../../domain/index.ts';

/** The rows of `cdp_trait_definitions`: a workspace's label, type and merge strategy per trait. */
export class TraitDefinitionRepository {
  async list(tx: Tx): Promise<TraitDefinition[]> {
    const { rows } = await tx.query<TraitDefinition>(
      'SELECT key, label, type, strategy FROM cdp_trait_definitions ORDER BY key',
    );
    return rows;
  }

  /** The strategy of every defined trait; traits without a definition use the domain's default ('latest'). */
  async strategies(tx: Tx): Promise<Record<string, TraitStrategy>> {
    const strategies: Record<string, TraitStrategy> = {};
    for (const { key, strategy } of await this.list(tx)) strategies[key] = strategy;
    return strategies;
  }

  /** Replaces the whole set. Existing profiles keep their state until they are recomputed. */
  async replace(tx: Tx, tenantId: string, definitions: readonly TraitDefinition[]): Promise<void> {
    await tx.query('DELETE FROM cdp_trait_definitions');
    if (definitions.length === 0) return;
    await tx.query(
      `INSERT INTO cdp_trait_definitions (tenant_id, key, label, type, strategy)
       SELECT $1, d->>'key', d->>'label', d->>'type', d->>'strategy' FROM jsonb_array_elements($2::jsonb) AS d`,
      [tenantId, JSON.stringify(definitions)],
    );
  }
}
