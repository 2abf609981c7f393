import type { FlowEdge, FlowGraph, FlowNode, GraphProblem } from '../contracts/index.ts';
import { nodeTypeOf, outputsOf, type AnyNodeType } from './node-registry.ts';
import { INPUT_HANDLE } from './node-type.ts';

export interface ValidateGraphOptions {
  /** Is this node type runnable here (its capability bound, the user's role enough)? Default: all are. */
  isAvailable?: (type: string) => boolean;
}

/** A connection being drawn in the editor (React Flow's `Connection`). */
export interface GraphConnection {
  source: string;
  target: string;
  sourceHandle?: string | null;
  targetHandle?: string | null;
}

/**
 * Every problem that keeps a graph from being published (a draft may have them): exactly one trigger,
 * edges between existing nodes and handles (one edge per output: a run follows one path), configs
 * that pass their schemas, no cycles, every node reachable from the trigger, known and available types.
 */
export function validateGraph(graph: FlowGraph, options: ValidateGraphOptions = {}): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const nodes = new Map<string, FlowNode>();
  const types = new Map<string, AnyNodeType>();

  for (const node of graph.nodes) {
    if (nodes.has(node.id)) {
      problems.push({
        code: 'duplicate-id',
        message: `Two nodes have the id "${node.id}".`,
        nodeId: node.id,
      });
      continue;
    }
    nodes.set(node.id, node);
    const definition = nodeTypeOf(node.type);
    if (!definition) {
      problems.push({
        code: 'unknown-node-type',
        message: `Unknown node type "${node.type}".`,
        nodeId: node.id,
      });
      continue;
    }
    types.set(node.id, definition);
    if (options.isAvailable && !options.isAvailable(node.type)) {
      problems.push({
        code: 'unavailable-node-type',
        message: `"${definition.label}" is not available on this server or for your role.`,
        nodeId: node.id,
      });
    }
    const parsed = definition.configSchema.safeParse(node.data?.config ?? {});
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({
          code: 'invalid-config',
          message: issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
          nodeId: node.id,
          path: issue.path.filter((part): part is string | number => typeof part !== 'symbol'),
        });
      }
    }
  }

  const triggers = [...nodes.values()].filter((node) => types.get(node.id)?.category === 'trigger');
  if (triggers.length === 0) {
    problems.push({ code: 'trigger-count', message: 'The flow needs a trigger.' });
  } else if (triggers.length > 1) {
    for (const trigger of triggers.slice(1)) {
      problems.push({
        code: 'trigger-count',
        message: 'A flow has exactly one trigger.',
        nodeId: trigger.id,
      });
    }
  }

  const validEdges = checkEdges(graph.edges, nodes, types, problems);
  problems.push(...findCycles(nodes, validEdges));
  if (triggers.length === 1) problems.push(...findUnreachable(triggers[0]!.id, nodes, validEdges));
  return problems;
}

/** Records the problems of each edge and returns the edges the graph walk may follow. */
function checkEdges(
  edges: readonly FlowEdge[],
  nodes: ReadonlyMap<string, FlowNode>,
  types: ReadonlyMap<string, AnyNodeType>,
  problems: GraphProblem[],
): FlowEdge[] {
  const valid: FlowEdge[] = [];
  const edgeIds = new Set<string>();
  const usedOutputs = new Map<string, FlowEdge>();
  for (const edge of edges) {
    if (edgeIds.has(edge.id)) {
      problems.push({
        code: 'duplicate-id',
        message: `Two edges have the id "${edge.id}".`,
        edgeId: edge.id,
      });
      continue;
    }
    edgeIds.add(edge.id);
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (!source || !target) {
      problems.push({
        code: 'dangling-edge',
        message: `The edge joins a node that does not exist ("${source ? edge.target : edge.source}").`,
        edgeId: edge.id,
        ...(source ? { nodeId: source.id } : target ? { nodeId: target.id } : {}),
      });
      continue;
    }
    const sourceType = types.get(source.id);
    const targetType = types.get(target.id);
    if (!sourceType || !targetType) continue; // reported as an unknown type already
    const handle = resolveSourceHandle(source, edge.sourceHandle);
    if (handle === undefined) {
      problems.push({
        code: 'unknown-handle',
        message: `"${sourceType.label}" has no output "${edge.sourceHandle ?? ''}".`,
        edgeId: edge.id,
        nodeId: source.id,
      });
      continue;
    }
    if (
      targetType.category === 'trigger' ||
      (edge.targetHandle != null && edge.targetHandle !== INPUT_HANDLE)
    ) {
      problems.push({
        code: 'incompatible-handles',
        message:
          targetType.category === 'trigger'
            ? 'A trigger starts the flow: nothing can lead into it.'
            : `"${targetType.label}" has no input "${edge.targetHandle}".`,
        edgeId: edge.id,
        nodeId: target.id,
      });
      continue;
    }
    const outputKey = `${source.id}\u0000${handle}`;
    const earlier = usedOutputs.get(outputKey);
    if (earlier) {
      problems.push({
        code: 'duplicate-edge',
        message:
          earlier.target === edge.target
            ? 'This connection exists twice.'
            : `The output "${handle}" already leads to "${earlier.target}": a run follows one path.`,
        edgeId: edge.id,
        nodeId: source.id,
      });
      continue;
    }
    usedOutputs.set(outputKey, edge);
    valid.push(edge);
  }
  return valid;
}

/** React Flow leaves `sourceHandle` null for a node with one unnamed handle: it means the only output. */
function resolveSourceHandle(node: FlowNode, sourceHandle: string | null | undefined): string | undefined {
  const outputs = outputsOf(node);
  if (sourceHandle == null) return outputs.length === 1 ? outputs[0]!.id : undefined;
  return outputs.some((output) => output.id === sourceHandle) ? sourceHandle : undefined;
}

function adjacency(edges: readonly FlowEdge[]): Map<string, FlowEdge[]> {
  const next = new Map<string, FlowEdge[]>();
  for (const edge of edges) next.set(edge.source, [...(next.get(edge.source) ?? []), edge]);
  return next;
}

/** One problem per cycle, on the edge that closes it (iterative DFS: graphs may be 500 nodes long). */
function findCycles(nodes: ReadonlyMap<string, FlowNode>, edges: readonly FlowEdge[]): GraphProblem[] {
  const next = adjacency(edges);
  const state = new Map<string, 'active' | 'done'>();
  const problems: GraphProblem[] = [];
  for (const start of nodes.keys()) {
    if (state.has(start)) continue;
    const stack: Array<{ node: string; index: number }> = [{ node: start, index: 0 }];
    state.set(start, 'active');
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const outgoing = next.get(frame.node) ?? [];
      if (frame.index >= outgoing.length) {
        state.set(frame.node, 'done');
        stack.pop();
        continue;
      }
      const edge = outgoing[frame.index++]!;
      const seen = state.get(edge.target);
      if (seen === 'active') {
        problems.push({
          code: 'cycle',
          message: 'This connection makes a loop; flows cannot go back to an earlier step.',
          edgeId: edge.id,
          nodeId: edge.target,
        });
      } else if (seen === undefined) {
        state.set(edge.target, 'active');
        stack.push({ node: edge.target, index: 0 });
      }
    }
  }
  return problems;
}

function findUnreachable(
  triggerId: string,
  nodes: ReadonlyMap<string, FlowNode>,
  edges: readonly FlowEdge[],
): GraphProblem[] {
  const reached = reachableFrom(triggerId, adjacency(edges));
  return [...nodes.keys()]
    .filter((id) => !reached.has(id))
    .map((id) => ({
      code: 'unreachable' as const,
      message: 'No path from the trigger leads to this step.',
      nodeId: id,
    }));
}

function reachableFrom(start: string, next: ReadonlyMap<string, FlowEdge[]>): Set<string> {
  const reached = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const edge of next.get(queue.pop()!) ?? []) {
      if (!reached.has(edge.target)) {
        reached.add(edge.target);
        queue.push(edge.target);
      }
    }
  }
  return reached;
}

/** Would this new edge close a loop (is the source reachable from the target)? */
export function wouldCreateCycle(graph: Pick<FlowGraph, 'edges'>, connection: GraphConnection): boolean {
  if (connection.source === connection.target) return true;
  return reachableFrom(connection.target, adjacency(graph.edges)).has(connection.source);
}

/**
 * The editor's live check while a connection is drawn: both nodes exist, the output exists and is
 * free, the target takes input (not a trigger), and no loop is made.
 */
export function isValidConnection(graph: FlowGraph, connection: GraphConnection): boolean {
  const source = graph.nodes.find((node) => node.id === connection.source);
  const target = graph.nodes.find((node) => node.id === connection.target);
  if (!source || !target) return false;
  const targetType = nodeTypeOf(target.type);
  if (!targetType || targetType.category === 'trigger') return false;
  if (connection.targetHandle != null && connection.targetHandle !== INPUT_HANDLE) return false;
  const handle = resolveSourceHandle(source, connection.sourceHandle);
  if (handle === undefined) return false;
  const taken = graph.edges.some(
    (edge) => edge.source === source.id && resolveSourceHandle(source, edge.sourceHandle) === handle,
  );
  if (taken) return false;
  return !wouldCreateCycle(graph, connection);
}
