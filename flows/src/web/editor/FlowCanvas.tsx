import { useCallback, useState } from 'react';
import type { DragEvent } from 'react';
import { Background, Controls, MiniMap, ReactFlow, useReactFlow } from '@xyflow/react';
import type { Connection, Edge } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { isValidConnection } from '../../domain/graph-validator.ts';
import { nodeTypeOf } from '../../domain/node-registry.ts';
import { canvasNodeTypes } from '../canvas/node-types.ts';
import type { EditorGraph, EditorNode } from './editor-graph.ts';
import { toFlowGraph } from './editor-graph.ts';
import { NODE_TYPE_DRAG_FORMAT } from './NodePalette.tsx';
import type { EditorGraphState } from './use-editor-graph.ts';

export interface FlowCanvasProps {
  state: EditorGraphState;
  readOnly: boolean;
  onConnect: (connection: Connection) => void;
  onDropNode: (type: string, position: { x: number; y: number }) => void;
}

function minimapColor(node: EditorNode): string {
  return nodeTypeOf(node.type ?? '')?.color ?? '#94a3b8';
}

/**
 * The editable canvas. Connections are checked live (`isValidConnection`: no loops, no second edge
 * from one output, nothing into a trigger); deleting is the editor's shortcut, so it is one undo step.
 */
export function FlowCanvas({ state, readOnly, onConnect, onDropNode }: FlowCanvasProps) {
  const { screenToFlowPosition } = useReactFlow();
  const { graph } = state;
  // Fitting an empty canvas would re-centre on the first dropped step and move the view under the user.
  const [fitOnOpen] = useState(graph.nodes.length > 0);

  const checkConnection = useCallback(
    (connection: Connection | Edge) => isValidConnection(toFlowGraph(graph as EditorGraph), connection),
    [graph],
  );

  function onDragOver(event: DragEvent<HTMLDivElement>) {
    if (!event.dataTransfer.types.includes(NODE_TYPE_DRAG_FORMAT)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    const type = event.dataTransfer.getData(NODE_TYPE_DRAG_FORMAT);
    if (!type || readOnly) return;
    event.preventDefault();
    const point = screenToFlowPosition({ x: event.clientX, y: event.clientY });
    // The pointer holds the card near its top-left corner, not its middle.
    onDropNode(type, { x: point.x - 20, y: point.y - 20 });
  }

  return (
    <div className="flows-canvas" onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<EditorNode>
        nodes={graph.nodes}
        edges={graph.edges}
        nodeTypes={canvasNodeTypes}
        onNodesChange={state.onNodesChange}
        onEdgesChange={state.onEdgesChange}
        onNodeDragStart={state.onNodeDragStart}
        onNodeDragStop={state.onNodeDragStop}
        onConnect={onConnect}
        isValidConnection={checkConnection}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        elementsSelectable
        deleteKeyCode={null}
        fitView={fitOnOpen}
        fitViewOptions={{ maxZoom: 1, minZoom: 0.5, padding: 0.15 }}
        minZoom={0.2}
        defaultEdgeOptions={{ type: 'smoothstep' }}
        aria-label="Automation canvas"
      >
        <Background gap={16} />
        <Controls showInteractive={false} />
        <MiniMap<EditorNode>
          pannable
          zoomable
          nodeColor={minimapColor}
          ariaLabel="Overview of the automation"
        />
      </ReactFlow>
    </div>
  );
}
