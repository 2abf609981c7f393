import type { EditorEdge, EditorGraph, EditorNode } from './editor-graph.ts';
import { edgeIdOf, newNodeId } from './editor-graph.ts';

/** What Ctrl+C keeps: the selected nodes and the edges between two of them. */
export interface GraphClipboard {
  nodes: EditorNode[];
  edges: EditorEdge[];
}

export function copySelection({ nodes, edges }: EditorGraph): GraphClipboard | undefined {
  const selected = nodes.filter((node) => node.selected);
  if (selected.length === 0) return undefined;
  const ids = new Set(selected.map((node) => node.id));
  return {
    nodes: structuredClone(selected),
    edges: structuredClone(edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target))),
  };
}

export const PASTE_OFFSET = 40;

/**
 * Adds the clipboard to the graph with new ids (the inner edges follow their nodes), shifted so the copy
 * does not hide the original; the pasted nodes become the selection. `times` shifts further on each
 * paste of the same clipboard.
 */
export function pasteClipboard(
  graph: EditorGraph,
  clipboard: GraphClipboard,
  times = 1,
  random?: () => string,
): EditorGraph {
  const taken = new Set(graph.nodes.map((node) => node.id));
  const idMap = new Map<string, string>();
  for (const node of clipboard.nodes) {
    const id = newNodeId(node.type ?? 'node', taken, random);
    taken.add(id);
    idMap.set(node.id, id);
  }
  const offset = PASTE_OFFSET * times;
  const pastedNodes: EditorNode[] = clipboard.nodes.map((node) => ({
    id: idMap.get(node.id) as string,
    type: node.type,
    position: { x: node.position.x + offset, y: node.position.y + offset },
    data: structuredClone(node.data),
    selected: true,
  }));
  const pastedEdges: EditorEdge[] = clipboard.edges.map((edge) => {
    const source = idMap.get(edge.source) as string;
    const target = idMap.get(edge.target) as string;
    return {
      id: edgeIdOf(source, edge.sourceHandle, target),
      source,
      target,
      sourceHandle: edge.sourceHandle ?? null,
      targetHandle: edge.targetHandle ?? null,
    };
  });
  return {
    nodes: [
      ...graph.nodes.map((node) => (node.selected ? { ...node, selected: false } : node)),
      ...pastedNodes,
    ],
    edges: [
      ...graph.edges.map((edge) => (edge.selected ? { ...edge, selected: false } : edge)),
      ...pastedEdges,
    ],
  };
}

/** Delete/Backspace: the selected nodes with every edge touching them, and the selected edges. */
export function deleteSelection({ nodes, edges }: EditorGraph): EditorGraph {
  const removed = new Set(nodes.filter((node) => node.selected).map((node) => node.id));
  return {
    nodes: nodes.filter((node) => !removed.has(node.id)),
    edges: edges.filter((edge) => !edge.selected && !removed.has(edge.source) && !removed.has(edge.target)),
  };
}
