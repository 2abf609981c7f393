import type { NodeProps } from '@xyflow/react';
import type { EditorNode } from '../editor/editor-graph.ts';
import { NodeCard } from './NodeCard.tsx';

/** A trigger starts the flow: no input, one output, and the event it listens to as its summary. */
export function TriggerNode(props: NodeProps<EditorNode>) {
  return <NodeCard {...props} category="trigger" hasInput={false} />;
}
