import type { NodeProps } from '@xyflow/react';
import type { EditorNode } from '../editor/editor-graph.ts';
import { NodeCard } from './NodeCard.tsx';

/** Side effects (e-mail, profile, webhook, AI…): an input, Next, and Error after the last failed attempt. */
export function ActionNode(props: NodeProps<EditorNode>) {
  return <NodeCard {...props} category="action" hasInput />;
}
