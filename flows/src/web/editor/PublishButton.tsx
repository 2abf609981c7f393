import { Button } from '@orchestrator/shared/ui';

export interface PublishButtonProps {
  problemCount: number;
  busy: boolean;
  /** Nothing to publish: the saved draft is the live version. */
  upToDate: boolean;
  onPublish: () => void;
}

/**
 * Publish is offered only for a draft without problems (the count says how many are left to fix) that
 * differs from the live version.
 */
export function PublishButton({ problemCount, busy, upToDate, onPublish }: PublishButtonProps) {
  const blocked = problemCount > 0;
  let label = 'Publish';
  if (blocked) label = `Publish (${problemCount} ${problemCount === 1 ? 'problem' : 'problems'})`;
  else if (upToDate) label = 'Published';
  return (
    <Button
      variant="primary"
      loading={busy}
      disabled={blocked || upToDate}
      onClick={onPublish}
      title={blocked ? 'Fix the problems listed in the side panel first.' : undefined}
    >
      {label}
    </Button>
  );
}
