import { describe, expect, it } from 'vitest';
import type { GraphProblem } from '../contracts/index.ts';
import { isValidConnection, validateGraph, wouldCreateCycle } from './graph-validator.ts';
import { edge, graph, node } from './test-fixtures.ts';

const trigger = node('t', 'trigger.event', { event: 'Order Completed' });
const email = node('e', 'action.sendEmail', { to: '{{profile.traits.email}}', subject: 'Hi', text: 'Hello' });
const condition = node('c', 'logic.condition', {});
const exit = node('x', 'logic.exit', {});
const wait = node('w', 'logic.waitDuration', { amount: 2, unit: 'days' });

const codes = (problems: GraphProblem[]) => problems.map((problem) => problem.code);

describe('validateGraph', () => {
  it('accepts a valid flow with branches joining again', () => {
    const problems = validateGraph(
      graph(
        [trigger, condition, wait, email, exit],
        [
          edge('t', 'c'),
          edge('c', 'w', 'true'),
          edge('c', 'e', 'false'),
          edge('w', 'e'),
          edge('e', 'x'),
          edge('e', 'x', 'error'),
        ],
      ),
    );
    expect(problems).toEqual([]);
  });

  it('needs exactly one trigger', () => {
    expect(validateGraph(graph([email], []))).toContainEqual(
      expect.objectContaining({ code: 'trigger-count' }),
    );
    const second = node('t2', 'trigger.event', { event: 'Signed Up' });
    expect(validateGraph(graph([trigger, second], []))).toContainEqual(
      expect.objectContaining({ code: 'trigger-count', nodeId: 't2' }),
    );
  });

  it('reports unknown and unavailable node types on their nodes', () => {
    const problems = validateGraph(
      graph([trigger, node('z', 'action.createTicket'), email], [edge('t', 'e')]),
      {
        isAvailable: (type) => type !== 'action.sendEmail',
      },
    );
    expect(problems).toContainEqual(expect.objectContaining({ code: 'unknown-node-type', nodeId: 'z' }));
    expect(problems).toContainEqual(expect.objectContaining({ code: 'unavailable-node-type', nodeId: 'e' }));
  });

  it('points an invalid config at the node and the field', () => {
    const problems = validateGraph(
      graph([trigger, node('w', 'logic.waitDuration', { amount: 0, unit: 'days' })], [edge('t', 'w')]),
    );
    expect(problems).toEqual([
      expect.objectContaining({ code: 'invalid-config', nodeId: 'w', path: ['amount'] }),
    ]);
  });

  it('reports edges to missing nodes, unknown handles and edges into a trigger', () => {
    const problems = validateGraph(
      graph(
        [trigger, condition, email],
        [
          edge('t', 'c'),
          edge('c', 'e', 'maybe'),
          edge('c', 'ghost', 'true'),
          edge('e', 't'),
          edge('c', 'e', 'false'),
        ],
      ),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ code: 'unknown-handle', edgeId: 'c-maybe-e', nodeId: 'c' }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ code: 'dangling-edge', edgeId: 'c-true-ghost' }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ code: 'incompatible-handles', edgeId: 'e-next-t' }),
    );
    expect(codes(problems)).not.toContain('unreachable');
  });

  it('refuses a target handle other than in', () => {
    const problems = validateGraph(
      graph(
        [trigger, email],
        [{ id: 'a', source: 't', target: 'e', sourceHandle: 'next', targetHandle: 'out' }],
      ),
    );
    expect(codes(problems)).toContain('incompatible-handles');
  });

  it('takes a null source handle as the only output, and refuses it when there are several', () => {
    expect(
      validateGraph(graph([trigger, email], [{ id: 'a', source: 't', target: 'e', sourceHandle: null }])),
    ).toEqual([]);
    const problems = validateGraph(
      graph([trigger, email, exit], [edge('t', 'e'), { id: 'b', source: 'e', target: 'x' }]),
    );
    expect(problems).toContainEqual(expect.objectContaining({ code: 'unknown-handle', edgeId: 'b' }));
  });

  it('reports duplicate edges and a second edge from the same output', () => {
    const problems = validateGraph(
      graph(
        [trigger, email, exit],
        [edge('t', 'e'), edge('t', 'e', 'next', 'again'), edge('t', 'x', 'next')],
      ),
    );
    expect(
      problems.filter((problem) => problem.code === 'duplicate-edge').map((problem) => problem.edgeId),
    ).toEqual(['again', 't-next-x']);
  });

  it('reports duplicate node and edge ids', () => {
    const problems = validateGraph(graph([trigger, email, { ...email }], [edge('t', 'e'), edge('t', 'e')]));
    expect(problems).toContainEqual(expect.objectContaining({ code: 'duplicate-id', nodeId: 'e' }));
    expect(problems).toContainEqual(expect.objectContaining({ code: 'duplicate-id', edgeId: 't-next-e' }));
  });

  it('reports a cycle on the edge that closes it', () => {
    const problems = validateGraph(
      graph([trigger, wait, email], [edge('t', 'w'), edge('w', 'e'), edge('e', 'w')]),
    );
    expect(problems).toEqual([expect.objectContaining({ code: 'cycle', edgeId: 'e-next-w' })]);
  });

  it('reports nodes no path from the trigger reaches', () => {
    const problems = validateGraph(graph([trigger, email, exit], [edge('e', 'x')]));
    expect(
      problems.filter((problem) => problem.code === 'unreachable').map((problem) => problem.nodeId),
    ).toEqual(['e', 'x']);
  });

  it('handles a long chain without deep recursion', () => {
    const chain = Array.from({ length: 499 }, (_, index) =>
      node(`w${index}`, 'logic.waitDuration', { amount: 1, unit: 'minutes' }),
    );
    const edges = [edge('t', 'w0'), ...chain.slice(1).map((_, index) => edge(`w${index}`, `w${index + 1}`))];
    expect(validateGraph(graph([trigger, ...chain], edges))).toEqual([]);
  });
});

describe('live connection checks', () => {
  const flow = graph(
    [trigger, condition, wait, email],
    [edge('t', 'c'), edge('c', 'w', 'true'), edge('w', 'e')],
  );

  it('finds loops', () => {
    expect(wouldCreateCycle(flow, { source: 'e', target: 'c' })).toBe(true);
    expect(wouldCreateCycle(flow, { source: 'e', target: 'e' })).toBe(true);
    expect(wouldCreateCycle(flow, { source: 'c', target: 'e' })).toBe(false);
  });

  it('allows a free output into a non-trigger input', () => {
    expect(
      isValidConnection(flow, { source: 'c', sourceHandle: 'false', target: 'e', targetHandle: 'in' }),
    ).toBe(true);
  });

  it('refuses taken outputs, unknown handles, triggers as targets and loops', () => {
    expect(isValidConnection(flow, { source: 'c', sourceHandle: 'true', target: 'e' })).toBe(false);
    expect(isValidConnection(flow, { source: 'c', sourceHandle: 'maybe', target: 'e' })).toBe(false);
    expect(isValidConnection(flow, { source: 'e', sourceHandle: 'next', target: 't' })).toBe(false);
    expect(isValidConnection(flow, { source: 'e', sourceHandle: 'next', target: 'c' })).toBe(false);
    expect(isValidConnection(flow, { source: 'e', sourceHandle: 'next', target: 'ghost' })).toBe(false);
  });
});
