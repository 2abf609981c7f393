import { describe, expect, it } from 'vitest';
import { PASTE_OFFSET, copySelection, deleteSelection, pasteClipboard } from './clipboard.ts';
import type { EditorGraph } from './editor-graph.ts';

function graph(): EditorGraph {
  return {
    nodes: [
      { id: 't', type: 'trigger.event', position: { x: 0, y: 0 }, data: { config: { event: 'Signed Up' } } },
      { id: 'c', type: 'logic.condition', position: { x: 300, y: 0 }, data: { config: {} }, selected: true },
      {
        id: 'e',
        type: 'action.sendEmail',
        position: { x: 600, y: 0 },
        data: { config: { subject: 'Hi' }, label: 'Welcome' },
        selected: true,
      },
    ],
    edges: [
      { id: 't-c', source: 't', target: 'c', sourceHandle: 'next', targetHandle: 'in' },
      { id: 'c-e', source: 'c', target: 'e', sourceHandle: 'true', targetHandle: 'in' },
    ],
  };
}

function counter(): () => string {
  let n = 0;
  return () => `n${++n}`;
}

describe('copy and paste', () => {
  it('copies the selected nodes and only the edges between two of them', () => {
    const clipboard = copySelection(graph());
    expect(clipboard?.nodes.map((node) => node.id)).toEqual(['c', 'e']);
    expect(clipboard?.edges.map((edge) => edge.id)).toEqual(['c-e']);
  });

  it('copies nothing when nothing is selected', () => {
    const { nodes, edges } = graph();
    expect(
      copySelection({ nodes: nodes.map((node) => ({ ...node, selected: false })), edges }),
    ).toBeUndefined();
  });

  it('pastes with new ids, rewires the inner edges to them, shifts and selects the copies', () => {
    const original = graph();
    const clipboard = copySelection(original)!;
    const pasted = pasteClipboard(original, clipboard, 1, counter());
    expect(pasted.nodes.map((node) => node.id)).toEqual(['t', 'c', 'e', 'condition-n1', 'sendEmail-n2']);
    const copies = pasted.nodes.slice(3);
    expect(copies.every((node) => node.selected)).toBe(true);
    expect(pasted.nodes.slice(0, 3).some((node) => node.selected)).toBe(false);
    expect(copies[1]).toMatchObject({
      type: 'action.sendEmail',
      position: { x: 600 + PASTE_OFFSET, y: PASTE_OFFSET },
      data: { config: { subject: 'Hi' }, label: 'Welcome' },
    });
    const newEdge = pasted.edges[2]!;
    expect(newEdge).toMatchObject({ source: 'condition-n1', target: 'sendEmail-n2', sourceHandle: 'true' });
    expect(new Set(pasted.edges.map((edge) => edge.id)).size).toBe(3);
  });

  it('does not share config objects between the original and the copy', () => {
    const original = graph();
    const pasted = pasteClipboard(original, copySelection(original)!, 1, counter());
    (pasted.nodes[4]!.data.config as Record<string, unknown>).subject = 'Changed';
    expect(original.nodes[2]!.data.config.subject).toBe('Hi');
  });

  it('never reuses an id already on the canvas', () => {
    const original = graph();
    const clipboard = copySelection(original)!;
    const ids = ['c', 'n1', 'n2', 'n3'];
    let i = 0;
    const once = pasteClipboard(original, clipboard, 1, () => ids[i++]!);
    const again = pasteClipboard(once, clipboard, 2, () => ['n1', 'n2', 'n4', 'n5'][i++ - 3]!);
    const all = again.nodes.map((node) => node.id);
    expect(new Set(all).size).toBe(all.length);
    expect(again.nodes.at(-1)!.position.x).toBe(600 + 2 * PASTE_OFFSET);
  });
});

describe('deleteSelection', () => {
  it('removes the selected nodes with their edges, and selected edges', () => {
    const base = graph();
    const left = deleteSelection(base);
    expect(left.nodes.map((node) => node.id)).toEqual(['t']);
    expect(left.edges).toEqual([]);
    const onlyEdge = deleteSelection({
      nodes: base.nodes.map((node) => ({ ...node, selected: false })),
      edges: base.edges.map((edge) => ({ ...edge, selected: edge.id === 't-c' })),
    });
    expect(onlyEdge.nodes).toHaveLength(3);
    expect(onlyEdge.edges.map((edge) => edge.id)).toEqual(['c-e']);
  });
});
