import type { Tx } from '@orchestrator/shared/ports';
import { workspaceBlockedSet, type TraitStrategy } from '../../domain/index.ts';

/** What the processor needs of a workspace's settings for every message. */
export interface ProcessingSettings {
  /** The workspace's blocked identifiers, as `isBlockedIdentifier` looks them up. */
  blocked: ReadonlySet<string>;
  /** Merge strategy per defined trait; others use the domain's default ('latest'). */
  strategies: Record<string, TraitStrategy>;
}

/** Both settings in one round trip (this runs once per processed message). */
export async function loadProcessingSettings(tx: Tx): Promise<ProcessingSettings> {
  const { rows } = await tx.query<{ blocked: string[]; strategies: Record<string, TraitStrategy> }>(
    `SELECT (SELECT coalesce(jsonb_agg(type || ':' || value), '[]') FROM cdp_blocked_identifiers) AS blocked,
            (SELECT coalesce(jsonb_object_agg(key, strategy), '{}') FROM cdp_trait_definitions) AS strategies`,
  );
  const row = rows[0]!;
  return { blocked: workspaceBlockedSet(row.blocked), strategies: row.strategies };
}
