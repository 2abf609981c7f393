import { renderToStaticMarkup } from 'react-dom/server';
import { ReactFlowProvider } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import type { EditorNode } from '../editor/editor-graph.ts';
import { CanvasOverlayContext } from './canvas-overlay.ts';
import type { CanvasOverlay } from './canvas-overlay.ts';
import { LogicNode } from './LogicNode.tsx';
import { TriggerNode } from './TriggerNode.tsx';

function props(id: string, type: string, config: Record<string, unknown>, label?: string) {
  return {
    id,
    type,
    data: { config, ...(label ? { label } : {}) },
    selected: false,
    dragging: false,
    zIndex: 0,
    isConnectable: true,
    positionAbsoluteX: 0,
    positionAbsoluteY: 0,
    selectable: true,
    deletable: true,
    draggable: true,
  } as unknown as NodeProps<EditorNode>;
}

function render(element: React.ReactElement, overlay: CanvasOverlay) {
  return renderToStaticMarkup(
    <ReactFlowProvider>
      <CanvasOverlayContext value={overlay}>{element}</CanvasOverlayContext>
    </ReactFlowProvider>,
  );
}

describe('node cards', () => {
  it('show the problems of a step on it, with a red border, and its labelled outputs', () => {
    const html = render(
      <LogicNode
        {...props(
          'if',
          'logic.condition',
          { condition: { match: 'all', rules: [], groups: [] } },
          'Has a company?',
        )}
      />,
      { problems: new Map([['if', ['No path from the trigger leads to this step.', 'Another']]]) },
    );
    expect(html).toContain('flows-node--invalid');
    expect(html).toContain('No path from the trigger leads to this step. (+1 more)');
    expect(html).toContain('Has a company?');
    expect(html).toContain('No rules yet');
    expect(html).toMatch(/<span>Yes<\/span>.*data-handleid="true"/);
    expect(html).toMatch(/<span>No<\/span>.*data-handleid="false"/);
    expect(html).toContain('data-handleid="in"');
  });

  it('give a trigger no input, and show run statuses and counts when overlaid', () => {
    const html = render(<TriggerNode {...props('t', 'trigger.event', { event: 'Signed Up' })} />, {
      problems: new Map(),
      statuses: new Map([['t', 'succeeded']]),
      counts: { t: { succeeded: 12, waiting: 0, failed: 1 } },
    });
    expect(html).not.toContain('data-handleid="in"');
    expect(html).not.toContain('flows-node--invalid');
    expect(html).toContain('On “Signed Up”');
    expect(html).toContain('Succeeded');
    expect(html).toContain('12 passed');
    expect(html).toContain('1 failed');
  });
});
