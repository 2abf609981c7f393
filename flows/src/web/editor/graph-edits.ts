import type { Connection } from '@xyflow/react';
import { isValidConnection } from '../../domain/graph-validator.ts';
import { nodeTypeOf, outputsOf } from '../../domain/node-registry.ts';
import { INPUT_HANDLE } from '../../domain/node-type.ts';
import type { EditorGraph, EditorNode } from './editor-graph.ts';
import { edgeIdOf, newNodeId, toFlowGraph } from './editor-graph.ts';

/** Horizontal distance between a step and the one added after it. */
export const STEP_GAP_X = 260;
const STEP_GAP_Y = 120;

/** Where a new step goes: right of `after` (or of the right-most step), moved down past any step there. */
export function placeForNewNode(graph: EditorGraph, after: string | undefined): { x: number; y: number } {
  const anchor =
    graph.nodes.find((node) => node.id === after) ??
    graph.nodes.reduce<EditorNode | undefined>(
      (right, node) => (!right || node.position.x > right.position.x ? node : right),
      undefined,
    );
  const position = anchor ? { x: anchor.position.x + STEP_GAP_X, y: anchor.position.y } : { x: 0, y: 0 };
  const taken = (y: number) =>
    graph.nodes.some(
      (node) =>
        Math.abs(node.position.x - position.x) < STEP_GAP_X / 2 &&
        Math.abs(node.position.y - y) < STEP_GAP_Y / 2,
    );
  while (taken(position.y)) position.y += STEP_GAP_Y;
  return position;
}

/**
 * Adds a step of `type` with its default config, selected. With `connectFrom`, the new step is joined
 * to that step's first free output when the connection is valid (keyboard users build a path this way).
 */
export function addNode(
  graph: EditorGraph,
  type: string,
  position: { x: number; y: number },
  connectFrom?: string,
  random?: () => string,
): { graph: EditorGraph; nodeId: string } {
  const definition = nodeTypeOf(type);
  const id = newNodeId(type, new Set(graph.nodes.map((node) => node.id)), random);
  const node: EditorNode = {
    id,
    type,
    position,
    data: { config: structuredClone(definition?.defaultConfig ?? {}) },
    selected: true,
  };
  let next: EditorGraph = {
    nodes: [...graph.nodes.map((item) => (item.selected ? { ...item, selected: false } : item)), node],
    edges: graph.edges.map((edge) => (edge.selected ? { ...edge, selected: false } : edge)),
  };
  const source = connectFrom ? next.nodes.find((item) => item.id === connectFrom) : undefined;
  if (source) {
    for (const output of outputsOf({ type: source.type ?? '', data: source.data })) {
      const connection = {
        source: source.id,
        sourceHandle: output.id,
        target: id,
        targetHandle: INPUT_HANDLE,
      };
      if (output.kind !== 'error' && isValidConnection(toFlowGraph(next), connection)) {
        next = connect(next, connection);
        break;
      }
    }
  }
  return { graph: next, nodeId: id };
}

/** Joins two handles; the caller has checked the connection with `isValidConnection`. */
export function connect(graph: EditorGraph, connection: Connection): EditorGraph {
  const sourceHandle = connection.sourceHandle ?? null;
  return {
    nodes: graph.nodes,
    edges: [
      ...graph.edges,
      {
        id: edgeIdOf(connection.source, sourceHandle, connection.target),
        source: connection.source,
        target: connection.target,
        sourceHandle,
        targetHandle: connection.targetHandle ?? INPUT_HANDLE,
      },
    ],
  };
}

export function updateNodeData(
  graph: EditorGraph,
  nodeId: string,
  data: Partial<EditorNode['data']>,
): EditorGraph {
  return {
    nodes: graph.nodes.map((node) =>
      node.id === nodeId ? { ...node, data: { ...node.data, ...data } } : node,
    ),
    edges: graph.edges,
  };
}

/**
 * Keeps edges consistent after a config change removed an output (a switch case deleted): edges that
 * left by a handle the step no longer has are dropped.
 */
export function dropEdgesOfMissingHandles(graph: EditorGraph, nodeId: string): EditorGraph {
  const node = graph.nodes.find((item) => item.id === nodeId);
  if (!node) return graph;
  const handles = new Set(outputsOf({ type: node.type ?? '', data: node.data }).map((output) => output.id));
  return {
    nodes: graph.nodes,
    edges: graph.edges.filter(
      (edge) => edge.source !== nodeId || edge.sourceHandle == null || handles.has(edge.sourceHandle),
    ),
  };
}

export function selectOnly(graph: EditorGraph, nodeId: string | undefined): EditorGraph {
  return {
    nodes: graph.nodes.map((node) => {
      const selected = node.id === nodeId;
      return Boolean(node.selected) === selected ? node : { ...node, selected };
    }),
    edges: graph.edges.map((edge) => (edge.selected ? { ...edge, selected: false } : edge)),
  };
}

/**
 * Points one output of a step at `targetId` (or at nothing): the side panel's keyboard way to connect.
 * The edge that left by that output is replaced; the caller offers only targets `isValidConnection`
 * accepts once that edge is gone.
 */
export function setOutputTarget(
  graph: EditorGraph,
  nodeId: string,
  handle: string,
  targetId: string | undefined,
): EditorGraph {
  const edges = graph.edges.filter(
    (edge) => !(edge.source === nodeId && (edge.sourceHandle ?? 'next') === handle),
  );
  const without = { nodes: graph.nodes, edges };
  return targetId
    ? connect(without, { source: nodeId, sourceHandle: handle, target: targetId, targetHandle: INPUT_HANDLE })
    : without;
}

/** The steps an output of `nodeId` may lead to (as if it led nowhere yet), for the side panel. */
export function possibleTargets(graph: EditorGraph, nodeId: string, handle: string): EditorNode[] {
  const free = toFlowGraph(setOutputTarget(graph, nodeId, handle, undefined));
  return graph.nodes.filter((node) =>
    isValidConnection(free, {
      source: nodeId,
      sourceHandle: handle,
      target: node.id,
      targetHandle: INPUT_HANDLE,
    }),
  );
}
