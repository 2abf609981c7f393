import { Alert, Button, TextField } from '@orchestrator/shared/ui';
import type { CatalogEntry, GraphProblem } from '../../contracts/index.ts';
import { nodeTypeOf } from '../../domain/node-registry.ts';
import type { EditorGraph, EditorNode } from './editor-graph.ts';
import { NodeConnections } from './NodeConnections.tsx';
import { NodeConfigForm } from './NodeConfigForm.tsx';

export interface NodePanelProps {
  node: EditorNode;
  graph: EditorGraph;
  onConnect: (handle: string, targetId: string | undefined) => void;
  problems: readonly GraphProblem[];
  catalogEntry: CatalogEntry | undefined;
  disabled: boolean;
  onLabelChange: (label: string) => void;
  onConfigChange: (config: Record<string, unknown>) => void;
  onDelete: () => void;
}

/** The side panel of the selected step: its name, its settings and what is wrong with it. */
export function NodePanel({
  node,
  graph,
  onConnect,
  problems,
  catalogEntry,
  disabled,
  onLabelChange,
  onConfigChange,
  onDelete,
}: NodePanelProps) {
  const definition = nodeTypeOf(node.type ?? '');
  const own = problems.filter((problem) => problem.nodeId === node.id && problem.code !== 'invalid-config');
  return (
    <div className="flows-panel__section">
      <div className="flows-panel__title-row">
        <h2 className="flows-panel__title">{definition?.label ?? node.type}</h2>
        {!disabled && (
          <Button size="sm" variant="ghost" onClick={onDelete}>
            Delete step
          </Button>
        )}
      </div>
      {definition && <p className="flows-muted">{definition.description}</p>}
      {catalogEntry && !catalogEntry.available && (
        <Alert tone="danger" title="Not available here">
          {catalogEntry.reason ?? 'This server cannot run this step.'}
        </Alert>
      )}
      {own.length > 0 && (
        <ul className="flows-panel__problems" aria-label="Problems of this step">
          {own.map((problem, index) => (
            <li key={`${problem.code}-${index}`}>{problem.message}</li>
          ))}
        </ul>
      )}
      <TextField
        label="Step name"
        hint="Shown on the canvas and in run history."
        value={node.data.label ?? ''}
        placeholder={definition?.label}
        maxLength={200}
        disabled={disabled}
        onChange={(event) => onLabelChange(event.target.value)}
      />
      <NodeConnections graph={graph} node={node} disabled={disabled} onChange={onConnect} />
      <NodeConfigForm
        nodeId={node.id}
        type={node.type ?? ''}
        config={node.data.config}
        problems={problems}
        disabled={disabled}
        onChange={onConfigChange}
      />
    </div>
  );
}
