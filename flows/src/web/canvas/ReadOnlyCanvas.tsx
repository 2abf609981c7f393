import { useMemo } from 'react';
import { Background, Controls, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { FlowGraph } from '../../contracts/index.ts';
import { fromFlowGraph } from '../editor/editor-graph.ts';
import type { EditorNode } from '../editor/editor-graph.ts';
import { CanvasOverlayContext } from './canvas-overlay.ts';
import type { CanvasOverlay } from './canvas-overlay.ts';
import { canvasNodeTypes } from './node-types.ts';

export interface ReadOnlyCanvasProps {
  graph: FlowGraph;
  overlay: CanvasOverlay;
  label: string;
  onNodeClick?: (nodeId: string) => void;
}

/**
 * A published version drawn as in the editor, with a run's statuses or run counts on its steps. No
 * minimap: its nodes are never measured here (nothing is edited), so it would stay blank.
 */
export function ReadOnlyCanvas({ graph, overlay, label, onNodeClick }: ReadOnlyCanvasProps) {
  const { nodes, edges } = useMemo(() => fromFlowGraph(graph), [graph]);
  const animated = useMemo(
    () =>
      edges.map((edge) => {
        const status = overlay.statuses?.get(edge.target);
        return status
          ? {
              ...edge,
              animated: status === 'running' || status === 'waiting',
              className: `flows-edge--${status}`,
            }
          : edge;
      }),
    [edges, overlay.statuses],
  );
  return (
    <ReactFlowProvider>
      <CanvasOverlayContext value={overlay}>
        <div className="flows-canvas flows-canvas--readonly">
          <ReactFlow<EditorNode>
            nodes={nodes}
            edges={animated}
            nodeTypes={canvasNodeTypes}
            nodesDraggable={false}
            nodesConnectable={false}
            elementsSelectable={Boolean(onNodeClick)}
            onNodeClick={onNodeClick ? (_, node) => onNodeClick(node.id) : undefined}
            deleteKeyCode={null}
            fitView
            fitViewOptions={{ maxZoom: 1, minZoom: 0.5, padding: 0.15 }}
            minZoom={0.2}
            defaultEdgeOptions={{ type: 'smoothstep' }}
            aria-label={label}
          >
            <Background gap={16} />
            <Controls showInteractive={false} />
          </ReactFlow>
        </div>
      </CanvasOverlayContext>
    </ReactFlowProvider>
  );
}
