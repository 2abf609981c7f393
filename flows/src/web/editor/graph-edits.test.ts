import { describe, expect, it } from 'vitest';
import type { EditorGraph } from './editor-graph.ts';
import {
  STEP_GAP_X,
  addNode,
  connect,
  dropEdgesOfMissingHandles,
  placeForNewNode,
  possibleTargets,
  selectOnly,
  setOutputTarget,
} from './graph-edits.ts';

function ids(): () => string {
  let n = 0;
  return () => String(++n);
}

const empty: EditorGraph = { nodes: [], edges: [] };

describe('adding steps', () => {
  it('adds a step with its default config, selected, and joins it to the free output of the step before', () => {
    const random = ids();
    const first = addNode(empty, 'trigger.event', { x: 0, y: 0 }, undefined, random);
    expect(first.nodeId).toBe('event-1');
    expect(first.graph.nodes[0]).toMatchObject({
      selected: true,
      data: { config: { event: 'Order Completed' } },
    });

    const second = addNode(
      first.graph,
      'logic.condition',
      placeForNewNode(first.graph, first.nodeId),
      first.nodeId,
      random,
    );
    expect(second.graph.nodes.map((node) => [node.id, Boolean(node.selected)])).toEqual([
      ['event-1', false],
      ['condition-2', true],
    ]);
    expect(second.graph.edges).toEqual([
      expect.objectContaining({
        source: 'event-1',
        sourceHandle: 'next',
        target: 'condition-2',
        targetHandle: 'in',
      }),
    ]);

    const yes = addNode(second.graph, 'action.sendEmail', { x: 600, y: 0 }, 'condition-2', random);
    const no = addNode(yes.graph, 'logic.exit', { x: 600, y: 150 }, 'condition-2', random);
    expect(no.graph.edges.map((edge) => `${edge.source}:${edge.sourceHandle}->${edge.target}`)).toEqual([
      'event-1:next->condition-2',
      'condition-2:true->sendEmail-3',
      'condition-2:false->exit-4',
    ]);
  });

  it('does not join anything into a trigger, nor leave by an error output', () => {
    const random = ids();
    const mail = addNode(empty, 'action.sendEmail', { x: 0, y: 0 }, undefined, random);
    const trigger = addNode(mail.graph, 'trigger.event', { x: 300, y: 0 }, mail.nodeId, random);
    expect(trigger.graph.edges).toEqual([]);
    const wait = addNode(mail.graph, 'logic.waitDuration', { x: 300, y: 0 }, mail.nodeId, random);
    expect(wait.graph.edges.map((edge) => edge.sourceHandle)).toEqual(['next']);
  });

  it('places a new step right of the anchor, below any step already there', () => {
    const graph: EditorGraph = {
      nodes: [
        { id: 'a', type: 'x', position: { x: 0, y: 0 }, data: { config: {} } },
        { id: 'b', type: 'x', position: { x: STEP_GAP_X, y: 0 }, data: { config: {} } },
      ],
      edges: [],
    };
    expect(placeForNewNode(graph, 'a')).toEqual({ x: STEP_GAP_X, y: 120 });
    expect(placeForNewNode(graph, undefined)).toEqual({ x: 2 * STEP_GAP_X, y: 0 });
    expect(placeForNewNode(empty, undefined)).toEqual({ x: 0, y: 0 });
  });
});

describe('edges and selection', () => {
  it('drops edges that leave by an output the step no longer has', () => {
    const base = addNode(empty, 'logic.condition', { x: 0, y: 0 }, undefined, ids()).graph;
    const id = base.nodes[0]!.id;
    const graph = connect(
      connect(base, { source: id, sourceHandle: 'true', target: 'x', targetHandle: 'in' }),
      {
        source: id,
        sourceHandle: 'gone',
        target: 'y',
        targetHandle: 'in',
      },
    );
    expect(dropEdgesOfMissingHandles(graph, id).edges.map((edge) => edge.target)).toEqual(['x']);
  });

  it('selects one step only', () => {
    const random = ids();
    const one = addNode(empty, 'trigger.event', { x: 0, y: 0 }, undefined, random);
    const two = addNode(one.graph, 'logic.exit', { x: 0, y: 0 }, undefined, random);
    expect(selectOnly(two.graph, one.nodeId).nodes.map((node) => Boolean(node.selected))).toEqual([
      true,
      false,
    ]);
    expect(selectOnly(two.graph, undefined).nodes.some((node) => node.selected)).toBe(false);
  });
});

describe('connecting from the side panel', () => {
  function chain() {
    const random = ids();
    const trigger = addNode(empty, 'trigger.event', { x: 0, y: 0 }, undefined, random);
    const condition = addNode(trigger.graph, 'logic.condition', { x: 300, y: 0 }, trigger.nodeId, random);
    const mail = addNode(condition.graph, 'action.sendEmail', { x: 600, y: 0 }, condition.nodeId, random);
    const exit = addNode(mail.graph, 'logic.exit', { x: 600, y: 200 }, undefined, random);
    return {
      graph: exit.graph,
      trigger: trigger.nodeId,
      condition: condition.nodeId,
      mail: mail.nodeId,
      exit: exit.nodeId,
    };
  }

  it('offers the steps an output can lead to: never back up the path, never into the trigger', () => {
    const { graph, trigger, condition, mail, exit } = chain();
    expect(possibleTargets(graph, mail, 'next').map((node) => node.id)).toEqual([exit]);
    expect(possibleTargets(graph, condition, 'true').map((node) => node.id)).toEqual([mail, exit]);
    expect(possibleTargets(graph, trigger, 'next').map((node) => node.id)).toEqual([condition, mail, exit]);
  });

  it('replaces what an output led to, or disconnects it', () => {
    const { graph, condition, mail, exit } = chain();
    const moved = setOutputTarget(graph, condition, 'true', exit);
    expect(
      moved.edges.filter((edge) => edge.source === condition).map((edge) => [edge.sourceHandle, edge.target]),
    ).toEqual([['true', exit]]);
    const cut = setOutputTarget(moved, condition, 'true', undefined);
    expect(cut.edges.some((edge) => edge.source === condition)).toBe(false);
    expect(
      setOutputTarget(graph, condition, 'false', mail).edges.filter((edge) => edge.target === mail),
    ).toHaveLength(2);
  });
});
