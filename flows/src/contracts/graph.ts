import { z } from 'zod';

/**
 * The saved graph is React Flow's own `{nodes, edges}` (what `toObject()` gives, minus the viewport),
 * so the editor loads it as it is and an exported flow opens in any React Flow tool. Unknown fields
 * React Flow adds (`measured`, `selected`, `width`…) are kept, never relied on.
 */
export const FlowNodeSchema = z
  .object({
    id: z.string().min(1).max(100),
    /** A node type id from the catalog, e.g. `trigger.event`, `logic.condition`, `action.sendEmail`. */
    type: z.string().min(1).max(100),
    position: z.object({ x: z.number(), y: z.number() }),
    data: z
      .object({
        /** The node's configuration; checked against its node type's schema by the validator. */
        config: z.record(z.string(), z.unknown()).default({}),
        /** A name the user gave the step; the node type's label otherwise. */
        label: z.string().max(200).optional(),
      })
      .loose(),
  })
  .loose();
export type FlowNode = z.infer<typeof FlowNodeSchema>;

export const FlowEdgeSchema = z
  .object({
    id: z.string().min(1).max(200),
    source: z.string().min(1),
    target: z.string().min(1),
    /** The output handle of the source (`next`, `true`, `false`, `timeout`, `error`, a switch case…). */
    sourceHandle: z.string().nullish(),
    /** Always `in` today; kept for React Flow. */
    targetHandle: z.string().nullish(),
  })
  .loose();
export type FlowEdge = z.infer<typeof FlowEdgeSchema>;

export const FlowGraphSchema = z.object({
  nodes: z.array(FlowNodeSchema).max(500),
  edges: z.array(FlowEdgeSchema).max(2000),
});
export type FlowGraph = z.infer<typeof FlowGraphSchema>;

/** One problem found by the validator, pointing at a node or an edge when it concerns one. */
export const GraphProblemSchema = z.object({
  code: z.enum([
    'trigger-count',
    'unknown-node-type',
    'unavailable-node-type',
    'invalid-config',
    'unknown-handle',
    'dangling-edge',
    'incompatible-handles',
    'duplicate-edge',
    'cycle',
    'unreachable',
    'duplicate-id',
  ]),
  message: z.string(),
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
  /** For `invalid-config`: the path inside the node's config (for the side panel's field errors). */
  path: z.array(z.union([z.string(), z.number()])).optional(),
});
export type GraphProblem = z.infer<typeof GraphProblemSchema>;
