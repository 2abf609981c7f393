import type { ErrorSchema } from '@rjsf/utils';
import type { GraphProblem } from '../../contracts/index.ts';

/** zod's wording for a missing or emptied field, said as a person would. */
export function readableMessage(message: string): string {
  return message
    .replace(/Invalid input: expected \w+, received undefined$/, 'Required')
    .replace(/Too small: expected string to have >=1 characters?$/, 'Required');
}

/**
 * The validator's `invalid-config` problems of one node as @rjsf's error schema, so each message shows
 * under its field (`{subject: {__errors: [...]}}`); a problem without a path goes on the form itself.
 */
export function configErrorSchemaOf(problems: readonly GraphProblem[], nodeId: string): ErrorSchema {
  const root: Record<string, unknown> = {};
  for (const problem of problems) {
    if (problem.code !== 'invalid-config' || problem.nodeId !== nodeId) continue;
    const path = problem.path ?? [];
    const prefix = `${path.join('.')}: `;
    const message =
      path.length > 0 && problem.message.startsWith(prefix)
        ? problem.message.slice(prefix.length)
        : problem.message;
    let at = root;
    for (const part of path) {
      const key = String(part);
      at[key] ??= {};
      at = at[key] as Record<string, unknown>;
    }
    at.__errors = [...((at.__errors as string[] | undefined) ?? []), readableMessage(message)];
  }
  return root as ErrorSchema;
}

/** Messages the validator has about a node, for the canvas and the side panel. */
export function problemsByNode(problems: readonly GraphProblem[]): Map<string, string[]> {
  const byNode = new Map<string, string[]>();
  for (const problem of problems) {
    if (!problem.nodeId) continue;
    byNode.set(problem.nodeId, [...(byNode.get(problem.nodeId) ?? []), readableMessage(problem.message)]);
  }
  return byNode;
}
