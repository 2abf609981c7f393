import dagre from '@dagrejs/dagre';
import type { EditorGraph } from './editor-graph.ts';

/** Used for nodes the canvas has not measured yet (the node card's usual size). */
export const DEFAULT_NODE_SIZE = { width: 200, height: 90 };

/**
 * Lays the graph out left to right with dagre: the trigger on the left, each step's next steps in the
 * column after it, branches spread vertically. Only positions change.
 */
export function layoutLeftToRight(graph: EditorGraph): EditorGraph {
  const layout = new dagre.graphlib.Graph();
  layout.setGraph({ rankdir: 'LR', nodesep: 32, ranksep: 56, marginx: 20, marginy: 20 });
  layout.setDefaultEdgeLabel(() => ({}));
  const sizes = new Map(
    graph.nodes.map((node) => [
      node.id,
      {
        width: node.measured?.width ?? node.width ?? DEFAULT_NODE_SIZE.width,
        height: node.measured?.height ?? node.height ?? DEFAULT_NODE_SIZE.height,
      },
    ]),
  );
  for (const [id, size] of sizes) layout.setNode(id, size);
  for (const edge of graph.edges) {
    if (sizes.has(edge.source) && sizes.has(edge.target)) layout.setEdge(edge.source, edge.target);
  }
  dagre.layout(layout);
  return {
    nodes: graph.nodes.map((node) => {
      const placed = layout.node(node.id);
      const size = sizes.get(node.id) ?? DEFAULT_NODE_SIZE;
      // dagre places centres; React Flow positions are top-left corners.
      return { ...node, position: { x: placed.x - size.width / 2, y: placed.y - size.height / 2 } };
    }),
    edges: graph.edges,
  };
}
