import type { FlowGraph, Step } from '../../contracts/index.ts';
import { nodeTypeOf } from '../../domain/node-registry.ts';
import { StepItem } from './StepItem.tsx';

export interface RunTimelineProps {
  steps: readonly Step[];
  graph: FlowGraph | undefined;
  highlightedNode: string | undefined;
}

/** The run's steps in the order they started. */
export function RunTimeline({ steps, graph, highlightedNode }: RunTimelineProps) {
  const labelOf = (nodeId: string, nodeType: string) => {
    const node = graph?.nodes.find((item) => item.id === nodeId);
    return node?.data.label || nodeTypeOf(nodeType)?.label || nodeId;
  };
  if (steps.length === 0) return <p className="flows-muted">No step has started yet.</p>;
  const ordered = [...steps].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
  return (
    <ol className="flows-timeline" aria-label="Steps of this run">
      {ordered.map((step) => (
        <StepItem
          key={step.id}
          step={step}
          label={labelOf(step.nodeId, step.nodeType)}
          highlighted={step.nodeId === highlightedNode}
        />
      ))}
    </ol>
  );
}
