import type { NodeTypes } from '@xyflow/react';
import { NODE_TYPES } from '../../domain/node-registry.ts';
import { NodeCard } from './NodeCard.tsx';

/**
 * React Flow's component per node type: every catalog type draws with NodeCard, which adapts to the
 * type's category (no input on triggers, labelled outputs). Module-level so React Flow sees one object.
 */
export const canvasNodeTypes: NodeTypes = Object.fromEntries(
  NODE_TYPES.map((definition) => [definition.type, NodeCard]),
);
