import type { CatalogEntry, Flow, FlowSettings, GraphProblem } from '../../contracts/index.ts';
import type { EditorGraph, EditorNode } from './editor-graph.ts';
import { FlowSettingsPanel } from './FlowSettingsPanel.tsx';
import { NodePanel } from './NodePanel.tsx';
import { ProblemsList } from './ProblemsList.tsx';
import { VersionsList } from './VersionsList.tsx';

export interface EditorSidePanelProps {
  flowId: string;
  name: string;
  settings: FlowSettings;
  meta: Flow;
  graph: EditorGraph;
  selectedNode: EditorNode | undefined;
  problems: readonly GraphProblem[];
  refused: readonly GraphProblem[] | undefined;
  catalogByType: ReadonlyMap<string, CatalogEntry>;
  readOnly: boolean;
  versionsKey: number;
  onNameChange: (name: string) => void;
  onSettingsChange: (settings: FlowSettings) => void;
  onSelectNode: (nodeId: string | undefined) => void;
  onLabelChange: (nodeId: string, label: string) => void;
  onConfigChange: (nodeId: string, config: Record<string, unknown>) => void;
  onDeleteNode: (nodeId: string) => void;
  onConnect: (nodeId: string, handle: string, targetId: string | undefined) => void;
}

/** The right-hand panel: the selected step's settings, or the automation's settings, problems and versions. */
export function EditorSidePanel(props: EditorSidePanelProps) {
  const { selectedNode, problems, readOnly } = props;
  return (
    <aside className="flows-panel" aria-label={selectedNode ? 'Selected step' : 'Automation'}>
      {selectedNode ? (
        <>
          <button
            type="button"
            className="flows-link-button flows-panel__back"
            onClick={() => props.onSelectNode(undefined)}
          >
            ← Automation settings
          </button>
          <NodePanel
            node={selectedNode}
            graph={props.graph}
            onConnect={(handle, targetId) => props.onConnect(selectedNode.id, handle, targetId)}
            problems={problems}
            catalogEntry={props.catalogByType.get(selectedNode.type ?? '')}
            disabled={readOnly}
            onLabelChange={(label) => props.onLabelChange(selectedNode.id, label)}
            onConfigChange={(config) => props.onConfigChange(selectedNode.id, config)}
            onDelete={() => props.onDeleteNode(selectedNode.id)}
          />
        </>
      ) : (
        <>
          <FlowSettingsPanel
            name={props.name}
            settings={props.settings}
            disabled={readOnly}
            onNameChange={props.onNameChange}
            onSettingsChange={props.onSettingsChange}
          />
          <section className="flows-panel__section" aria-labelledby="flows-problems-title">
            <h2 id="flows-problems-title" className="flows-panel__title">
              Problems {problems.length > 0 && <span className="flows-count">{problems.length}</span>}
            </h2>
            <ProblemsList problems={problems} nodes={props.graph.nodes} onSelectNode={props.onSelectNode} />
            {props.refused && props.refused.length > 0 && (
              <div className="flows-refused" role="alert">
                <p className="flows-panel__subtitle">The server refused to publish:</p>
                <ProblemsList
                  problems={props.refused}
                  nodes={props.graph.nodes}
                  onSelectNode={props.onSelectNode}
                />
              </div>
            )}
          </section>
          <section className="flows-panel__section" aria-labelledby="flows-versions-title">
            <h2 id="flows-versions-title" className="flows-panel__title">
              Versions
            </h2>
            {props.meta.hasUnpublishedChanges && props.meta.activeVersion !== null && (
              <p className="flows-muted">The draft has changes that are not published yet.</p>
            )}
            <VersionsList
              flowId={props.flowId}
              activeVersion={props.meta.activeVersion}
              refreshKey={props.versionsKey}
            />
          </section>
        </>
      )}
    </aside>
  );
}
