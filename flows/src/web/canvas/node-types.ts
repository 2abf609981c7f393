import type { ComponentType } from 'react';
import type { NodeProps, NodeTypes } from '@xyflow/react';
import { NODE_TYPES } from '../../domain/node-registry.ts';
import type { NodeCategory } from '../../domain/node-type.ts';
import type { EditorNode } from '../editor/editor-graph.ts';
import { ActionNode } from './ActionNode.tsx';
import { LogicNode } from './LogicNode.tsx';
import { TriggerNode } from './TriggerNode.tsx';
import { UnknownNode } from './UnknownNode.tsx';

const BY_CATEGORY: Record<NodeCategory, ComponentType<NodeProps<EditorNode>>> = {
  trigger: TriggerNode,
  logic: LogicNode,
  action: ActionNode,
};

const known: NodeTypes = Object.fromEntries(
  NODE_TYPES.map((definition) => [definition.type, BY_CATEGORY[definition.category]]),
);

/**
 * React Flow's component per node type: the component of the type's category. A type this editor
 * does not know (an imported graph from a newer suite) still draws, as an unknown step, rather than
 * as React Flow's bare default node. Module-level so React Flow always sees the same object.
 */
export const canvasNodeTypes: NodeTypes = new Proxy(known, {
  get: (target, key) => (typeof key === 'string' ? (target[key] ?? UnknownNode) : undefined),
});
