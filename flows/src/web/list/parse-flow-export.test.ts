import { describe, expect, it } from 'vitest';
import { parseFlowExport } from './parse-flow-export.ts';

describe('parseFlowExport', () => {
  it('reads an exported automation, filling in default settings', () => {
    const parsed = parseFlowExport(
      JSON.stringify({
        name: 'Welcome',
        graph: {
          nodes: [
            {
              id: 't',
              type: 'trigger.event',
              position: { x: 0, y: 0 },
              data: { config: { event: 'Signed Up' } },
            },
          ],
          edges: [],
        },
        settings: {},
      }),
    );
    expect(parsed).toMatchObject({
      ok: true,
      value: { name: 'Welcome', settings: { entry: { mode: 'everyTime' }, goal: null } },
    });
  });

  it('says where a file that is not an export goes wrong', () => {
    expect(parseFlowExport('{')).toEqual({ ok: false, message: 'The file is not JSON.' });
    const parsed = parseFlowExport(
      JSON.stringify({ name: 'x', graph: { nodes: [{ id: 1 }], edges: [] }, settings: {} }),
    );
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain('graph.nodes.0');
  });
});
