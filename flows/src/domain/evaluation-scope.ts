import type { FlowEvent } from '../contracts/index.ts';
import type { NodeExecutionContext, ProfileSnapshot } from './node-type.ts';

/**
 * What templates and conditions read: the triggering event, the profile, and the outputs of the steps
 * already done, by node id. Paths start at one of them: `event.properties.plan`,
 * `profile.traits.firstName`, `steps.<nodeId>.<field>`.
 */
export interface EvaluationScope {
  event: FlowEvent | null;
  profile: ProfileSnapshot | null;
  steps: Record<string, unknown>;
}

export function scopeOf(
  context: Pick<NodeExecutionContext<unknown>, 'trigger' | 'profile' | 'steps'>,
): EvaluationScope {
  return { event: context.trigger, profile: context.profile, steps: context.steps };
}

/**
 * The value at a dotted path (`event.properties.items.0.sku`); undefined when any part is missing.
 * Only own properties of plain objects and array indices are followed, so a path never reaches
 * prototypes (`constructor`, `__proto__`).
 */
export function readPath(root: unknown, path: string): unknown {
  const parts = path
    .trim()
    .split('.')
    .filter((part) => part.length > 0);
  let current: unknown = root;
  for (const part of parts) {
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(part)) return undefined;
      current = current[Number(part)];
    } else if (current !== null && typeof current === 'object') {
      if (!Object.prototype.hasOwnProperty.call(current, part)) return undefined;
      current = (current as Record<string, unknown>)[part];
    } else {
      return undefined;
    }
  }
  return current;
}
