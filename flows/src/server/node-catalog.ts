import { hasRole } from '@orchestrator/shared/http';
import type { Role } from '@orchestrator/shared/contracts';
import type { Catalog } from '../contracts/index.ts';
import { NODE_TYPES, nodeTypeOf, type NodeCapability } from '../domain/index.ts';

/** What this server binds: the suite's own ports always; Kestra when the devops module binds it. */
export function boundCapabilities(options: { kestra: boolean }): ReadonlySet<NodeCapability> {
  return new Set<NodeCapability>([
    'email',
    'llm',
    'http',
    'profiles',
    ...(options.kestra ? (['kestra'] as const) : []),
  ]);
}

/** Why a node type cannot be used here by this role; null when it can. */
export function unavailableReason(
  type: string,
  capabilities: ReadonlySet<NodeCapability>,
  role: Role,
): string | null {
  const definition = nodeTypeOf(type);
  if (!definition) return `Unknown node type ${type}`;
  const missing = (definition.requires ?? []).filter((capability) => !capabilities.has(capability));
  if (missing.length > 0) return `Needs ${missing.join(', ')}, which this server does not offer yet`;
  if (definition.requiresRole && !hasRole(role, [definition.requiresRole, 'admin'])) {
    return `Only the ${definition.requiresRole} role (or an admin) may publish it`;
  }
  return null;
}

/** The catalog as one user sees it (`GET /api/v1/flows/catalog`). */
export function catalogFor(capabilities: ReadonlySet<NodeCapability>, role: Role): Catalog {
  return {
    items: NODE_TYPES.map((definition) => {
      const reason = unavailableReason(definition.type, capabilities, role);
      return { type: definition.type, available: reason === null, reason };
    }),
  };
}
