import type { FlowEvent } from '../contracts/index.ts';
import type { NodeCategory, ProfileSnapshot } from '../domain/index.ts';
import { renderTemplate } from '../domain/template-rendering.ts';

/**
 * What a step's timeline shows as its input: for a trigger, the event; otherwise the node's config
 * with its `{{…}}` placeholders filled in as the node sees them, and a summary of the scope.
 */
export function stepInputOf(
  category: NodeCategory,
  config: Record<string, unknown>,
  trigger: FlowEvent,
  scope: { profile: ProfileSnapshot | null; steps: Record<string, unknown> },
): unknown {
  if (category === 'trigger') return { event: trigger };
  const values = { event: trigger, profile: scope.profile, steps: scope.steps };
  return {
    config: rendered(config, values),
    scope: {
      event: trigger.event,
      profileId: scope.profile?.id ?? trigger.profileId,
      stepsDone: Object.keys(scope.steps),
    },
  };
}

function rendered(value: unknown, scope: unknown): unknown {
  if (typeof value === 'string') return value.includes('{{') ? renderTemplate(value, scope) : value;
  if (Array.isArray(value)) return value.map((item) => rendered(item, scope));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rendered(item, scope)]));
  }
  return value;
}
