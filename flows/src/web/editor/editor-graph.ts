import type { Edge, Node } from '@xyflow/react';
import type { FlowGraph } from '../../contracts/index.ts';

/** What a node carries on the canvas: the saved `{config, label}`, and nothing else is saved. */
export interface FlowNodeData extends Record<string, unknown> {
  config: Record<string, unknown>;
  label?: string;
}

export type EditorNode = Node<FlowNodeData>;
export type EditorEdge = Edge;

export interface EditorGraph {
  nodes: EditorNode[];
  edges: EditorEdge[];
}

/** The graph as saved: React Flow's own fields, without what only the canvas needs (selection, sizes). */
export function toFlowGraph({ nodes, edges }: EditorGraph): FlowGraph {
  return {
    nodes: nodes.map((node) => ({
      id: node.id,
      type: node.type ?? '',
      position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
      data: {
        config: node.data.config,
        ...(node.data.label ? { label: node.data.label } : {}),
      },
    })),
    edges: edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      target: edge.target,
      sourceHandle: edge.sourceHandle ?? null,
      targetHandle: edge.targetHandle ?? null,
    })),
  };
}

export function fromFlowGraph(graph: FlowGraph): EditorGraph {
  return {
    nodes: graph.nodes.map((node) => ({
      id: node.id,
      type: node.type,
      position: node.position,
      data: { config: node.data.config ?? {}, ...(node.data.label ? { label: node.data.label } : {}) },
    })),
    edges: graph.edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      target: edge.target,
      sourceHandle: edge.sourceHandle ?? null,
      targetHandle: edge.targetHandle ?? null,
    })),
  };
}

/** Two graphs that save the same: selecting or measuring a node is not a change worth saving. */
export function savedFormOf(graph: EditorGraph): string {
  return JSON.stringify(toFlowGraph(graph));
}

/** A short id that says what the node is (`sendEmail-4f2a9c`), unique within the graph. */
export function newNodeId(
  type: string,
  taken: ReadonlySet<string>,
  random: () => string = randomSuffix,
): string {
  const base = type.split('.').at(-1) || 'node';
  for (;;) {
    const id = `${base}-${random()}`;
    if (!taken.has(id)) return id;
  }
}

export function edgeIdOf(source: string, sourceHandle: string | null | undefined, target: string): string {
  return `${source}:${sourceHandle ?? 'next'}->${target}`;
}

function randomSuffix(): string {
  return crypto.randomUUID().slice(0, 6);
}
