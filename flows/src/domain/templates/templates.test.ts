import { describe, expect, it } from 'vitest';
import { FlowExportSchema } from '../../contracts/index.ts';
import { validateGraph } from '../graph-validator.ts';
import { nodeTypeOf } from '../node-registry.ts';
import { FLOW_TEMPLATES, flowTemplateOf } from './index.ts';

describe('flow templates', () => {
  it('offers at least three, with distinct ids', () => {
    expect(FLOW_TEMPLATES.length).toBeGreaterThanOrEqual(3);
    expect(new Set(FLOW_TEMPLATES.map((template) => template.id)).size).toBe(FLOW_TEMPLATES.length);
    expect(flowTemplateOf('form-lead-nurture')?.flow.name).toBe('New form lead');
  });

  for (const template of FLOW_TEMPLATES) {
    describe(template.id, () => {
      it('is a valid export whose graph passes the validator', () => {
        const parsed = FlowExportSchema.parse(template.flow);
        expect(parsed).toEqual(template.flow);
        expect(validateGraph(parsed.graph)).toEqual([]);
      });

      it('uses only node types of the catalog, laid out left to right without overlaps', () => {
        const { nodes, edges } = template.flow.graph;
        for (const node of nodes) expect(nodeTypeOf(node.type), node.type).toBeDefined();
        const positions = nodes.map((node) => `${node.position.x},${node.position.y}`);
        expect(new Set(positions).size).toBe(positions.length);
        const byId = new Map(nodes.map((node) => [node.id, node]));
        for (const edge of edges) {
          expect(byId.get(edge.target)!.position.x).toBeGreaterThan(byId.get(edge.source)!.position.x);
        }
      });
    });
  }

  it('form lead: tags, welcomes, and reminds unless the booking comes within 2 days', () => {
    const { graph, settings } = flowTemplateOf('form-lead-nurture')!.flow;
    expect(graph.nodes.map((node) => node.type)).toEqual([
      'trigger.formSubmitted',
      'action.updateProfile',
      'action.sendEmail',
      'logic.waitForEvent',
      'logic.exit',
      'action.sendEmail',
    ]);
    expect(graph.edges.find((edge) => edge.sourceHandle === 'timeout')?.target).toBe('reminder-email');
    expect(settings.goal).toEqual({ event: 'Booking Created' });
  });
});
