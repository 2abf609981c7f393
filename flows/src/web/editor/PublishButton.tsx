import { Button } from '@orchestrator/shared/ui';

export interface PublishButtonProps {
  problemCount: number;
  busy: boolean;
  hasUnpublishedChanges: boolean;
  onPublish: () => void;
}

/** Publish is offered only for a draft without problems; the count says how many are left to fix. */
export function PublishButton({ problemCount, busy, hasUnpublishedChanges, onPublish }: PublishButtonProps) {
  const blocked = problemCount > 0;
  return (
    <Button
      variant="primary"
      loading={busy}
      disabled={blocked}
      onClick={onPublish}
      title={
        blocked
          ? 'Fix the problems listed in the side panel first.'
          : hasUnpublishedChanges
            ? undefined
            : 'Nothing changed since the last version.'
      }
    >
      {blocked ? `Publish (${problemCount} ${problemCount === 1 ? 'problem' : 'problems'})` : 'Publish'}
    </Button>
  );
}
