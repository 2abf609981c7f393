import { useCallback, useRef, useState } from 'react';
import { applyEdgeChanges, applyNodeChanges } from '@xyflow/react';
import type { EdgeChange, NodeChange } from '@xyflow/react';
import type { EditorEdge, EditorGraph, EditorNode } from './editor-graph.ts';
import { amendPresent, createHistory, pushChange, pushStepFrom, redo, undo } from './history.ts';
import type { History } from './history.ts';

export interface EditorGraphState {
  graph: EditorGraph;
  canUndo: boolean;
  canRedo: boolean;
  /** A change the user can undo; changes of one `group` in a row (typing in a field) are one step. */
  change: (update: (graph: EditorGraph) => EditorGraph, group?: string) => void;
  /** A change that is not a step of its own (selecting a step from the problems list). */
  amend: (update: (graph: EditorGraph) => EditorGraph) => void;
  undo: () => void;
  redo: () => void;
  onNodesChange: (changes: NodeChange<EditorNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<EditorEdge>[]) => void;
  onNodeDragStart: () => void;
  onNodeDragStop: () => void;
}

/**
 * The editor's graph with its undo history. React Flow's own changes (selection, measuring, positions
 * while dragging) amend the current step; a whole drag becomes one step when it ends, and so does a
 * run of arrow-key moves.
 */
export function useEditorGraph(initial: EditorGraph): EditorGraphState {
  const [history, setHistory] = useState<History<EditorGraph>>(() => createHistory(initial));
  const latest = useRef(history);
  latest.current = history;
  const dragOrigin = useRef<EditorGraph>(undefined);

  const change = useCallback((update: (graph: EditorGraph) => EditorGraph, group?: string) => {
    setHistory((current) => pushChange(current, update(current.present), group));
  }, []);

  const onNodesChange = useCallback((changes: NodeChange<EditorNode>[]) => {
    // Positions moved outside a drag come from the arrow keys: one undo step per run of key presses.
    const keyboardMove =
      dragOrigin.current === undefined && changes.some((item) => item.type === 'position' && item.position);
    setHistory((current) => {
      const next = { ...current.present, nodes: applyNodeChanges(changes, current.present.nodes) };
      const structural = changes.some(
        (item) => item.type === 'add' || item.type === 'remove' || item.type === 'replace',
      );
      if (structural) return pushChange(current, next);
      return keyboardMove ? pushChange(current, next, 'keyboard-move') : amendPresent(current, next);
    });
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<EditorEdge>[]) => {
    setHistory((current) => {
      const next = { ...current.present, edges: applyEdgeChanges(changes, current.present.edges) };
      const structural = changes.some((item) => item.type !== 'select');
      return structural ? pushChange(current, next) : amendPresent(current, next);
    });
  }, []);

  const onNodeDragStart = useCallback(() => {
    dragOrigin.current = latest.current.present;
  }, []);

  const onNodeDragStop = useCallback(() => {
    const origin = dragOrigin.current;
    dragOrigin.current = undefined;
    if (!origin) return;
    setHistory((current) => {
      const moved = current.present.nodes.some((node) => {
        const before = origin.nodes.find((candidate) => candidate.id === node.id);
        return before && (before.position.x !== node.position.x || before.position.y !== node.position.y);
      });
      return moved ? pushStepFrom(current, origin, current.present) : current;
    });
  }, []);

  return {
    graph: history.present,
    canUndo: history.past.length > 0,
    canRedo: history.future.length > 0,
    change,
    amend: useCallback((update: (graph: EditorGraph) => EditorGraph) => {
      setHistory((current) => amendPresent(current, update(current.present)));
    }, []),
    undo: useCallback(() => setHistory(undo), []),
    redo: useCallback(() => setHistory(redo), []),
    onNodesChange,
    onEdgesChange,
    onNodeDragStart,
    onNodeDragStop,
  };
}
