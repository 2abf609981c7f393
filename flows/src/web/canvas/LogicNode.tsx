import type { NodeProps } from '@xyflow/react';
import type { EditorNode } from '../editor/editor-graph.ts';
import { NodeCard } from './NodeCard.tsx';

/** Conditions, switches, splits, waits and exits: an input, and one labelled output per branch. */
export function LogicNode(props: NodeProps<EditorNode>) {
  return <NodeCard {...props} category="logic" hasInput />;
}
