import { RunStatusBadge } from '../common/RunStatusBadge.tsx';
import { useCanvasOverlay } from './canvas-overlay.ts';

/** A run's status of this step, or how many runs passed, wait or failed here. */
export function NodeRunBadges({ nodeId }: { nodeId: string }) {
  const { statuses, counts } = useCanvasOverlay();
  const status = statuses?.get(nodeId);
  const count = counts?.[nodeId];
  if (!status && !count) return null;
  return (
    <div className="flows-node__run">
      {status && <RunStatusBadge status={status} />}
      {count && (
        <span className="flows-node__counts">
          <span>{count.succeeded.toLocaleString()} passed</span>
          <span>{count.waiting.toLocaleString()} waiting</span>
          <span className={count.failed > 0 ? 'flows-danger-text' : undefined}>
            {count.failed.toLocaleString()} failed
          </span>
        </span>
      )}
    </div>
  );
}
