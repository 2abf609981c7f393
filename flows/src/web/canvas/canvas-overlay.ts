import { createContext, useContext } from 'react';
import type { StepStatus } from '../../contracts/index.ts';
import type { NodeRunCounts } from '../api/runs-api.ts';

/**
 * What the canvas shows on top of the nodes, kept out of node data so it is never saved: the editor's
 * validation problems, or a run's step statuses, or a version's run counts per node.
 */
export interface CanvasOverlay {
  problems: ReadonlyMap<string, readonly string[]>;
  /** Run view: the status of each node's latest step on this run. */
  statuses?: ReadonlyMap<string, StepStatus>;
  /** Flow runs view: how many runs passed, wait or failed at each node. */
  counts?: NodeRunCounts;
}

export const EMPTY_OVERLAY: CanvasOverlay = { problems: new Map() };

export const CanvasOverlayContext = createContext<CanvasOverlay>(EMPTY_OVERLAY);

export function useCanvasOverlay(): CanvasOverlay {
  return useContext(CanvasOverlayContext);
}
