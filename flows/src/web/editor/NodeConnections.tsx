import { Select } from '@orchestrator/shared/ui';
import { nodeTypeOf, outputsOf } from '../../domain/node-registry.ts';
import type { EditorGraph, EditorNode } from './editor-graph.ts';
import { possibleTargets } from './graph-edits.ts';

export interface NodeConnectionsProps {
  graph: EditorGraph;
  node: EditorNode;
  disabled: boolean;
  onChange: (handle: string, targetId: string | undefined) => void;
}

function nameOf(node: EditorNode): string {
  return node.data.label || nodeTypeOf(node.type ?? '')?.label || node.id;
}

/** Where each output of the step leads, chosen from a list: connecting without dragging a line. */
export function NodeConnections({ graph, node, disabled, onChange }: NodeConnectionsProps) {
  const outputs = outputsOf({ type: node.type ?? '', data: node.data });
  if (outputs.length === 0) return null;
  return (
    <fieldset className="flows-connections">
      <legend className="flows-panel__title">Next steps</legend>
      {outputs.map((output) => {
        const current = graph.edges.find(
          (edge) => edge.source === node.id && (edge.sourceHandle ?? 'next') === output.id,
        );
        const options = possibleTargets(graph, node.id, output.id).map((target) => ({
          value: target.id,
          label: nameOf(target),
        }));
        return (
          <Select
            key={output.id}
            label={output.kind === 'error' ? `${output.label} (after the last failed attempt)` : output.label}
            value={current?.target ?? ''}
            placeholder="Nothing (the run ends here)"
            options={options}
            disabled={disabled}
            onChange={(event) => onChange(output.id, event.target.value || undefined)}
          />
        );
      })}
    </fieldset>
  );
}
