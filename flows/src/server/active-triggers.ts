import type { Queryable } from '@orchestrator/shared/ports';
import type { FlowEvent, FlowSettings } from '../contracts/index.ts';
import { isTriggerType, nodeTypeOf, parsedConfigOf, type AnyNodeType } from '../domain/node-registry.ts';
import { graphOf, settingsOf } from './flows-repository.ts';

/** One trigger node of an active version. */
export interface ActiveTrigger {
  flowId: string;
  version: number;
  nodeId: string;
  type: string;
  config: Record<string, unknown>;
  definition: AnyNodeType;
  settings: FlowSettings;
}

interface TenantTriggers {
  generation: string;
  triggers: ActiveTrigger[];
}

/**
 * The triggers of every active flow version, per tenant, cached. Publishing, pausing, resuming or
 * deleting a flow bumps the tenant's generation (in its transaction), and a consumer in any process
 * reloads the tenant's triggers when it sees the generation move: one cheap query per batch.
 */
export class ActiveTriggers {
  private readonly cache = new Map<string, TenantTriggers>();

  /**
   * The active triggers of each tenant that has flows, refreshed where the generation moved. A tenant
   * that never created a flow is absent from the map.
   */
  async forTenants(tx: Queryable, tenantIds: readonly string[]): Promise<Map<string, ActiveTrigger[]>> {
    const result = new Map<string, ActiveTrigger[]>();
    if (tenantIds.length === 0) return result;
    const { rows } = await tx.query<{ tenant_id: string; generation: string | number }>(
      'SELECT tenant_id, generation FROM flow_trigger_generations WHERE tenant_id = ANY($1::uuid[])',
      [tenantIds],
    );
    const generations = new Map(rows.map((row) => [row.tenant_id, String(row.generation)]));
    for (const tenantId of tenantIds) {
      const generation = generations.get(tenantId);
      if (generation === undefined) continue;
      const cached = this.cache.get(tenantId);
      if (cached?.generation === generation) {
        result.set(tenantId, cached.triggers);
        continue;
      }
      const triggers = await this.load(tx, tenantId);
      this.cache.set(tenantId, { generation, triggers });
      result.set(tenantId, triggers);
    }
    return result;
  }

  /** Drops a tenant's cache in this process at once (after a publish here). */
  forget(tenantId: string): void {
    this.cache.delete(tenantId);
  }

  private async load(tx: Queryable, tenantId: string): Promise<ActiveTrigger[]> {
    const { rows } = await tx.query<{ id: string; version: number; graph: unknown; settings: unknown }>(
      `SELECT f.id, v.version, v.graph, v.settings FROM flows f
       JOIN flow_versions v ON v.flow_id = f.id AND v.version = f.active_version
       WHERE f.tenant_id = $1 AND f.status = 'active'`,
      [tenantId],
    );
    return rows.flatMap((row) => {
      const settings = settingsOf(row.settings);
      return graphOf(row.graph).nodes.flatMap((node) => {
        const definition = nodeTypeOf(node.type);
        const config = parsedConfigOf(node);
        if (!definition || !config || !isTriggerType(node.type)) return [];
        return [
          {
            flowId: row.id,
            version: row.version,
            nodeId: node.id,
            type: node.type,
            config,
            definition,
            settings,
          },
        ];
      });
    });
  }
}

/** Does this trigger start a run for the event? A trigger that throws on odd data simply does not. */
export function triggerMatches(trigger: ActiveTrigger, event: FlowEvent): boolean {
  try {
    return trigger.definition.matches?.(trigger.config, event) ?? false;
  } catch {
    return false;
  }
}
