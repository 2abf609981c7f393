import type { NodeExecutionContext, NodeOutcome, NodeTypeDefinition } from '../domain/index.ts';
import { isPermanentNodeError } from '../domain/node-errors.ts';
import { NO_RETRY, retryDelay } from '../domain/retry-backoff.ts';

/** What one execution of a node came to: an outcome, or an error with the time of the next attempt. */
export type NodeResult = { outcome: NodeOutcome } | { error: string; retryAt: Date | null };

/**
 * Executes a node's definition (a node without `execute` leaves by its first output with the trigger's
 * properties) and never throws: a throw, or a handle the node does not have, is an error retried by
 * the node's policy unless it is permanent or the attempts are spent (`retryAt` null).
 */
export async function invokeNode<Config>(
  definition: NodeTypeDefinition<Config>,
  context: NodeExecutionContext<Config>,
  nodeType: string,
  /** The time after the execution (a retry waits from when the attempt ended). */
  now: () => Date,
  random?: () => number,
): Promise<NodeResult> {
  const { config } = context;
  try {
    const outcome: NodeOutcome = definition.execute
      ? await definition.execute(context)
      : {
          kind: 'continue',
          handle: definition.outputs(config)[0]?.id ?? 'next',
          output: context.trigger.properties,
        };
    if (outcome.kind === 'continue') {
      const left = outcome.handle;
      if (!definition.outputs(config).some((handle) => handle.id === left)) {
        throw new Error(`The step left by "${left}", which ${nodeType} does not have`);
      }
    }
    return { outcome };
  } catch (error) {
    const delay = isPermanentNodeError(error)
      ? null
      : retryDelay(definition.retry ?? NO_RETRY, context.attempt, random);
    return {
      error: error instanceof Error ? error.message : String(error),
      retryAt: delay === null ? null : new Date(now().getTime() + delay),
    };
  }
}
