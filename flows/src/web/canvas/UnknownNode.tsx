import type { NodeProps } from '@xyflow/react';
import type { EditorNode } from '../editor/editor-graph.ts';
import { NodeCard } from './NodeCard.tsx';

/** A step whose type this editor does not know: drawn so it can be seen, fixed or deleted. */
export function UnknownNode(props: NodeProps<EditorNode>) {
  return <NodeCard {...props} category={undefined} hasInput />;
}
