import { Handle, Position } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import { Icon } from '@orchestrator/shared/ui';
import type { IconName } from '@orchestrator/shared/ui';
import { nodeTypeOf, outputsOf } from '../../domain/node-registry.ts';
import { INPUT_HANDLE } from '../../domain/node-type.ts';
import type { NodeCategory } from '../../domain/node-type.ts';
import type { EditorNode } from '../editor/editor-graph.ts';
import { configSummaryOf } from '../editor/config-summary.ts';
import { useCanvasOverlay } from './canvas-overlay.ts';
import { NodeRunBadges } from './NodeRunBadges.tsx';

const CATEGORY_NAMES = { trigger: 'Trigger', logic: 'Logic', action: 'Action' } as const;

export interface NodeCardProps extends NodeProps<EditorNode> {
  category: NodeCategory | undefined;
  hasInput: boolean;
}

/**
 * The card every category's node draws: icon, label and a one-line summary of the config, the input
 * on the left (when the category has one) and the outputs on the right, each labelled (Yes/No, a
 * switch's cases, Error…). A step with problems gets a red border and says the first of them.
 */
export function NodeCard({ id, type, data, selected, category, hasInput }: NodeCardProps) {
  const definition = nodeTypeOf(type);
  const overlay = useCanvasOverlay();
  const problems = overlay.problems.get(id) ?? [];
  const status = overlay.statuses?.get(id);
  const outputs = outputsOf({ type, data });
  const label = data.label || definition?.label || type;
  const summary = configSummaryOf(type, data.config);
  const classes = [
    'flows-node',
    category ? `flows-node--${category}` : 'flows-node--unknown',
    selected && 'flows-node--selected',
    problems.length > 0 && 'flows-node--invalid',
    status && `flows-node--${status}`,
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <div
      className={classes}
      style={{ '--flows-node-color': definition?.color ?? '#64748b' } as React.CSSProperties}
      aria-label={`${category ? CATEGORY_NAMES[category] : 'Unknown step'}: ${label}${problems.length ? ` (${problems.length} problems)` : ''}`}
    >
      {hasInput && <Handle type="target" position={Position.Left} id={INPUT_HANDLE} />}
      <div className="flows-node__head">
        <span className="flows-node__icon">
          <Icon name={(definition?.icon ?? 'automations') as IconName} />
        </span>
        <span className="flows-node__titles">
          <span className="flows-node__kind">
            {definition ? `${CATEGORY_NAMES[definition.category]} · ${definition.label}` : 'Unknown step'}
          </span>
          <span className="flows-node__label">{label}</span>
        </span>
      </div>
      {summary && <p className="flows-node__summary">{summary}</p>}
      {problems.length > 0 && (
        <p className="flows-node__problem" role="note">
          {problems[0]}
          {problems.length > 1 && ` (+${problems.length - 1} more)`}
        </p>
      )}
      <NodeRunBadges nodeId={id} />
      {outputs.length > 0 && (
        <ul className="flows-node__outputs" aria-label="Outputs">
          {outputs.map((output) => (
            <li
              key={output.id}
              className={`flows-node__output${output.kind === 'error' ? ' flows-node__output--error' : ''}`}
            >
              <span>{output.label}</span>
              <Handle type="source" position={Position.Right} id={output.id} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
