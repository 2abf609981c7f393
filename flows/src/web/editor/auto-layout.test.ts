import { describe, expect, it } from 'vitest';
import { DEFAULT_NODE_SIZE, layoutLeftToRight } from './auto-layout.ts';
import type { EditorGraph } from './editor-graph.ts';

function node(id: string) {
  return { id, type: 'x', position: { x: 0, y: 0 }, data: { config: {} } };
}

describe('layoutLeftToRight', () => {
  const graph: EditorGraph = {
    nodes: [node('trigger'), node('condition'), node('yes'), node('no'), node('after')],
    edges: [
      { id: '1', source: 'trigger', target: 'condition' },
      { id: '2', source: 'condition', target: 'yes', sourceHandle: 'true' },
      { id: '3', source: 'condition', target: 'no', sourceHandle: 'false' },
      { id: '4', source: 'yes', target: 'after' },
    ],
  };
  const laid = layoutLeftToRight(graph);
  const at = (id: string) => laid.nodes.find((n) => n.id === id)!.position;

  it('puts each step to the right of the one before it', () => {
    expect(at('condition').x).toBeGreaterThan(at('trigger').x + DEFAULT_NODE_SIZE.width);
    expect(at('yes').x).toBeGreaterThan(at('condition').x);
    expect(at('after').x).toBeGreaterThan(at('yes').x);
  });

  it('spreads branches vertically without overlapping, in the same column', () => {
    expect(at('yes').x).toBe(at('no').x);
    expect(Math.abs(at('yes').y - at('no').y)).toBeGreaterThanOrEqual(DEFAULT_NODE_SIZE.height);
  });

  it('changes positions only', () => {
    expect(laid.edges).toBe(graph.edges);
    expect(laid.nodes.map((n) => [n.id, n.data])).toEqual(graph.nodes.map((n) => [n.id, n.data]));
  });
});
