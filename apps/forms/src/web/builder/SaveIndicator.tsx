import { Button, Spinner } from '@orchestrator/shared/ui';
import type { SaveStatus } from '@orchestrator/shared/ui';

export interface SaveIndicatorProps {
  status: SaveStatus;
  problems: number;
  onRetry: () => void;
  readOnly: boolean;
}

/** Whether the draft is stored: "Saved", "Saving…", "Unsaved changes", or why saving failed. */
export function SaveIndicator({ status, problems, onRetry, readOnly }: SaveIndicatorProps) {
  if (readOnly) return <span className="forms-save">View only</span>;
  return (
    <span className={`forms-save forms-save--${status}`} role="status">
      {status === 'saving' && (
        <>
          <Spinner /> Saving…
        </>
      )}
      {status === 'saved' && <>✓ Saved</>}
      {status === 'pending' && <>Unsaved changes</>}
      {status === 'failed' && (
        <>
          {problems > 0
            ? `Not saved: ${problems === 1 ? '1 problem to fix' : `${problems} problems to fix`}`
            : 'Not saved'}
          <Button size="sm" variant="ghost" onClick={onRetry}>
            Retry
          </Button>
        </>
      )}
    </span>
  );
}
