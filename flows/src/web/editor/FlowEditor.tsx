import { useCallback, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useReactFlow } from '@xyflow/react';
import type { Connection } from '@xyflow/react';
import { useDebouncedAutosave, useDocumentTitle, useToast } from '@orchestrator/shared/ui';
import type { Catalog, Flow, FlowSettings } from '../../contracts/index.ts';
import { isValidConnection, validateGraph } from '../../domain/graph-validator.ts';
import { NODE_TYPES, isTriggerType } from '../../domain/node-registry.ts';
import { runPath } from '../api/flow-paths.ts';
import { updateFlow } from '../api/flows-api.ts';
import { CanvasOverlayContext } from '../canvas/canvas-overlay.ts';
import { sampleEventFor } from '../runs/sample-event.ts';
import { TestRunDialog } from '../runs/TestRunDialog.tsx';
import { layoutLeftToRight } from './auto-layout.ts';
import { copySelection, deleteSelection, pasteClipboard } from './clipboard.ts';
import type { GraphClipboard } from './clipboard.ts';
import { problemsByNode } from './config-errors.ts';
import { downloadJson, exportFileName } from './download-json.ts';
import { EditorSidePanel } from './EditorSidePanel.tsx';
import { EditorToolbar } from './EditorToolbar.tsx';
import { fromFlowGraph, toFlowGraph } from './editor-graph.ts';
import { FlowCanvas } from './FlowCanvas.tsx';
import {
  addNode,
  connect,
  dropEdgesOfMissingHandles,
  placeForNewNode,
  selectOnly,
  setOutputTarget,
  updateNodeData,
} from './graph-edits.ts';
import { ImportGraphInput } from './ImportGraphInput.tsx';
import { NodePalette } from './NodePalette.tsx';
import { PublishButton } from './PublishButton.tsx';
import { useEditorGraph } from './use-editor-graph.ts';
import { useEditorShortcuts } from './use-editor-shortcuts.ts';
import { useFlowLifecycle } from './use-flow-lifecycle.ts';

export interface FlowEditorProps {
  initial: Flow;
  catalog: Catalog | undefined;
  canEdit: boolean;
}

/**
 * The automation editor: palette on the left, canvas in the middle, the selected step's settings (or
 * the automation's, its problems and versions) on the right. The draft saves itself, valid or not;
 * Publish freezes it as the next version once it has no problems.
 */
export function FlowEditor({ initial, catalog, canEdit }: FlowEditorProps) {
  const toast = useToast();
  const navigate = useNavigate();
  const { fitView, getViewport } = useReactFlow();
  const state = useEditorGraph(fromFlowGraph(initial.graph));
  const { graph, change } = state;
  const [name, setName] = useState(initial.name);
  const [settings, setSettings] = useState<FlowSettings>(initial.settings);
  const lifecycle = useFlowLifecycle(initial);
  const { meta } = lifecycle;
  const [testing, setTesting] = useState(false);
  const clipboard = useRef<{ content: GraphClipboard; pastes: number }>(undefined);
  const importInput = useRef<HTMLInputElement>(null);
  const readOnly = !canEdit;
  useDocumentTitle(`${name.trim() || 'Untitled automation'} · Automations`);

  const catalogByType = useMemo(() => new Map(catalog?.items.map((entry) => [entry.type, entry])), [catalog]);
  const isAvailable = useCallback(
    (type: string) => !catalog || catalogByType.get(type)?.available === true,
    [catalog, catalogByType],
  );
  const paletteTypes = useMemo(
    () => NODE_TYPES.filter((definition) => isAvailable(definition.type)),
    [isAvailable],
  );

  const flowGraph = useMemo(() => toFlowGraph(graph), [graph]);
  const problems = useMemo(() => validateGraph(flowGraph, { isAvailable }), [flowGraph, isAvailable]);
  const overlay = useMemo(() => ({ problems: problemsByNode(problems) }), [problems]);

  const draft = useMemo(
    () => ({ name: name.trim() || meta.name, graph: flowGraph, settings }),
    [name, meta.name, flowGraph, settings],
  );
  // An invalid graph saves too (its problems come back); only a failed request leaves it unsaved.
  const autosave = useDebouncedAutosave(draft, {
    save: (sending) => updateFlow(initial.id, sending),
    enabled: canEdit,
    delayMs: 800,
    onSaved: lifecycle.setMeta,
  });

  const selected = graph.nodes.filter((node) => node.selected);
  const selectedNode = selected.length === 1 ? selected[0] : undefined;

  function addStep(type: string, position?: { x: number; y: number }) {
    if (readOnly) return;
    const anchor = selectedNode?.id;
    let placed = position;
    if (!placed) {
      if (graph.nodes.length === 0) {
        const { x, y, zoom } = getViewport();
        placed = { x: (-x + 200) / zoom, y: (-y + 160) / zoom };
      } else {
        placed = placeForNewNode(graph, anchor);
      }
    }
    const at = placed;
    change((current) => addNode(current, type, at, position ? undefined : anchor).graph);
  }

  function onConnect(connection: Connection) {
    if (readOnly || !isValidConnection(flowGraph, connection)) return;
    change((current) => connect(current, connection));
  }

  function selectNode(nodeId: string | undefined) {
    state.amend((current) => selectOnly(current, nodeId));
    if (nodeId) void fitView({ nodes: [{ id: nodeId }], duration: 300, maxZoom: 1, minZoom: 0.5 });
  }

  useEditorShortcuts(
    {
      undo: state.undo,
      redo: state.redo,
      copy: () => {
        const content = copySelection(graph);
        if (content) clipboard.current = { content, pastes: 0 };
      },
      paste: () => {
        const held = clipboard.current;
        if (!held) return;
        held.pastes += 1;
        const times = held.pastes;
        change((current) => pasteClipboard(current, held.content, times));
      },
      deleteSelection: () => {
        if (graph.nodes.some((node) => node.selected) || graph.edges.some((edge) => edge.selected))
          change(deleteSelection);
      },
    },
    canEdit,
  );

  const sample = useMemo(
    () => sampleEventFor(graph.nodes.find((node) => isTriggerType(node.type ?? ''))),
    [graph.nodes],
  );

  return (
    <div className="flows-editor">
      <EditorToolbar
        flowId={initial.id}
        name={name}
        status={meta.status}
        activeVersion={meta.activeVersion}
        saveStatus={autosave.status}
        readOnly={readOnly}
        canUndo={state.canUndo}
        canRedo={state.canRedo}
        onUndo={state.undo}
        onRedo={state.redo}
        onRetrySave={() => void autosave.flush()}
        onLayout={() => {
          change(layoutLeftToRight);
          setTimeout(() => void fitView({ duration: 300, maxZoom: 1, minZoom: 0.5 }), 50);
        }}
        onExport={() => downloadJson(exportFileName(name), { name, graph: flowGraph, settings })}
        onImport={() => importInput.current?.click()}
        canTest={problems.length === 0}
        onTogglePause={() => void lifecycle.togglePause()}
        pausing={lifecycle.pausing}
        onTestRun={() => void autosave.flush().then((saved) => setTesting(saved))}
        publishButton={
          <PublishButton
            problemCount={problems.length}
            busy={lifecycle.publishing}
            upToDate={
              meta.activeVersion !== null && !meta.hasUnpublishedChanges && autosave.status === 'saved'
            }
            onPublish={() => void lifecycle.publish(autosave.flush)}
          />
        }
      />
      <ImportGraphInput
        ref={importInput}
        onImport={(imported) => {
          change(() => fromFlowGraph(imported.graph));
          setSettings(imported.settings);
          toast.show(`Imported “${imported.name}” into this draft. Undo brings the previous graph back.`, {
            tone: 'success',
          });
          setTimeout(() => void fitView({ duration: 300, maxZoom: 1, minZoom: 0.5 }), 50);
        }}
        onInvalid={(message) => toast.show(message, { tone: 'danger' })}
      />
      <div className="flows-editor__body">
        {!readOnly && (
          <NodePalette nodeTypes={paletteTypes} disabled={readOnly} onAdd={(type) => addStep(type)} />
        )}
        <CanvasOverlayContext value={overlay}>
          <FlowCanvas
            state={state}
            readOnly={readOnly}
            onConnect={onConnect}
            onDropNode={(type, position) => addStep(type, position)}
          />
        </CanvasOverlayContext>
        <EditorSidePanel
          flowId={initial.id}
          name={name}
          settings={settings}
          meta={meta}
          graph={graph}
          selectedNode={selectedNode}
          problems={problems}
          refused={lifecycle.refused}
          catalogByType={catalogByType}
          readOnly={readOnly}
          versionsKey={lifecycle.versionsKey}
          onNameChange={setName}
          onSettingsChange={setSettings}
          onSelectNode={selectNode}
          onLabelChange={(nodeId, label) =>
            change(
              (current) => updateNodeData(current, nodeId, { label: label || undefined }),
              `label:${nodeId}`,
            )
          }
          onConfigChange={(nodeId, config) => {
            const node = graph.nodes.find((item) => item.id === nodeId);
            if (!node || JSON.stringify(node.data.config) === JSON.stringify(config)) return;
            change(
              (current) => dropEdgesOfMissingHandles(updateNodeData(current, nodeId, { config }), nodeId),
              `config:${nodeId}`,
            );
          }}
          onConnect={(nodeId, handle, targetId) =>
            change((current) => setOutputTarget(current, nodeId, handle, targetId))
          }
          onDeleteNode={(nodeId) => change((current) => deleteSelection(selectOnly(current, nodeId)))}
        />
      </div>
      {testing && (
        <TestRunDialog
          flowId={initial.id}
          open
          sample={sample}
          onClose={() => setTesting(false)}
          onStarted={(run) => {
            setTesting(false);
            toast.show('Test run started.', { tone: 'success' });
            navigate(runPath(initial.id, run.id));
          }}
        />
      )}
    </div>
  );
}
