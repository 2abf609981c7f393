import { Button, Spinner } from '@orchestrator/shared/ui';
import type { SaveStatus } from '@orchestrator/shared/ui';

/** Whether the draft is stored: "Saved", "Saving…", "Unsaved changes", or "Not saved" with a retry. */
export function SaveIndicator({
  status,
  onRetry,
  readOnly,
}: {
  status: SaveStatus;
  onRetry: () => void;
  readOnly: boolean;
}) {
  if (readOnly) return <span className="flows-save">View only</span>;
  return (
    <span className={`flows-save flows-save--${status}`} role="status">
      {status === 'saving' && (
        <>
          <Spinner /> Saving…
        </>
      )}
      {status === 'saved' && <>✓ Draft saved</>}
      {status === 'pending' && <>Unsaved changes</>}
      {status === 'failed' && (
        <>
          Not saved
          <Button size="sm" variant="ghost" onClick={onRetry}>
            Retry
          </Button>
        </>
      )}
    </span>
  );
}
