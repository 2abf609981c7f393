import { useCallback, useState, useSyncExternalStore } from 'react';
import { getSession, subscribeToSession, useApiResource } from '@orchestrator/shared/api-client';
import {
  Badge,
  Button,
  Card,
  Dialog,
  EmptyState,
  ErrorState,
  LoadingState,
  useToast,
} from '@orchestrator/shared/ui';
import { fetchMerges, undoMerge } from './customers-api.ts';
import type { Merge } from './customers-api.ts';
import { ProfileRef, shortId } from './ProfileRef.tsx';
import { RelativeTime } from './RelativeTime.tsx';

export interface MergeHistoryCardProps {
  profileId: string;
  /** Called after a merge was undone, so the page reloads the profile, its events and this list. */
  onUndone: () => void;
}

/** Every merge recorded for this profile, newest first, each with "Undo merge" until it is undone. */
export function MergeHistoryCard({ profileId, onUndone }: MergeHistoryCardProps) {
  const toast = useToast();
  const load = useCallback((signal: AbortSignal) => fetchMerges(profileId, signal), [profileId]);
  const merges = useApiResource(load);
  const [confirming, setConfirming] = useState<Merge | null>(null);
  const [undoing, setUndoing] = useState(false);
  // The server lets owners and admins undo merges; others see the history without the action.
  const role = useSyncExternalStore(subscribeToSession, () => getSession()?.role);
  const canUndo = role === 'owner' || role === 'admin';

  async function confirmUndo() {
    if (!confirming) return;
    setUndoing(true);
    try {
      await undoMerge(confirming.id);
      toast.show(`Merge undone: profile ${shortId(confirming.absorbedId)} is separate again`, {
        tone: 'success',
      });
      setConfirming(null);
      onUndone();
    } catch (error) {
      toast.show(`Could not undo the merge: ${error instanceof Error ? error.message : String(error)}`, {
        tone: 'danger',
      });
    } finally {
      setUndoing(false);
    }
  }

  let body;
  if (merges.data === undefined) {
    body = merges.loading ? (
      <LoadingState label="Loading merge history…" />
    ) : (
      <ErrorState error={merges.error} onRetry={merges.reload} fallbackTitle="Could not load the merges" />
    );
  } else if (merges.data.length === 0) {
    body = (
      <EmptyState
        headingLevel={3}
        title="No merges"
        description="When an event links this profile to another one, the merge is recorded here and can be undone."
      />
    );
  } else {
    const items = [...merges.data].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    body = (
      <>
        {!canUndo && <p className="cdp-muted">Only owners and admins can undo merges.</p>}
        <ul className="cdp-merges">
          {items.map((merge) => (
            <li key={merge.id} className="cdp-merge">
              <div className="cdp-merge__text">
                <p>
                  Merged <ProfileRef id={merge.absorbedId} current={profileId} /> into{' '}
                  <ProfileRef id={merge.survivorId} current={profileId} />{' '}
                  {merge.undoneAt && <Badge tone="warning">Undone</Badge>}
                </p>
                <p className="cdp-muted">
                  <RelativeTime iso={merge.createdAt} /> · rule {merge.rule}
                  {merge.triggerMessageId && (
                    <>
                      {' '}
                      · message <code className="cdp-code">{merge.triggerMessageId}</code>
                    </>
                  )}
                  {merge.undoneAt && (
                    <>
                      {' '}
                      · undone <RelativeTime iso={merge.undoneAt} />
                    </>
                  )}
                </p>
              </div>
              <Button
                size="sm"
                onClick={() => setConfirming(merge)}
                disabled={merge.undoneAt !== null || !canUndo}
                aria-label={`Undo merge of profile ${shortId(merge.absorbedId)}`}
              >
                Undo merge
              </Button>
            </li>
          ))}
        </ul>
      </>
    );
  }

  return (
    <Card title="Merge history">
      {body}
      <Dialog
        open={confirming !== null}
        onClose={() => setConfirming(null)}
        title="Undo this merge?"
        footer={
          <>
            <Button onClick={() => setConfirming(null)} data-autofocus>
              Cancel
            </Button>
            <Button variant="danger" loading={undoing} onClick={confirmUndo}>
              Undo merge
            </Button>
          </>
        }
      >
        <p>
          Profile <code className="cdp-code">{confirming ? shortId(confirming.absorbedId) : ''}</code> is
          split off again with the identities and events that belong to it, and the traits of both profiles
          are recomputed from their own events.
        </p>
      </Dialog>
    </Card>
  );
}
