import { Button } from '@orchestrator/shared/ui';
import type { Submission, SubmissionCategory } from '../../contracts/index.ts';

export interface CategoryActionsProps {
  submission: Submission;
  onCategory: (submission: Submission, category: SubmissionCategory) => void;
  onClose: () => void;
  busy: boolean;
  canEdit: boolean;
}

/** Star, archive or file as spam (and back); viewers only get Close. */
export function CategoryActions({ submission, onCategory, onClose, busy, canEdit }: CategoryActionsProps) {
  const { category } = submission;
  const move = (next: SubmissionCategory) => onCategory(submission, next);
  return canEdit ? (
    <div className="forms-detail__actions">
      {category === 'starred' ? (
        <Button onClick={() => move('inbox')} disabled={busy}>
          Unstar
        </Button>
      ) : (
        category !== 'spam' && (
          <Button onClick={() => move('starred')} disabled={busy}>
            ★ Star
          </Button>
        )
      )}
      {category === 'archived' ? (
        <Button onClick={() => move('inbox')} disabled={busy}>
          Move to inbox
        </Button>
      ) : (
        category !== 'spam' && (
          <Button onClick={() => move('archived')} disabled={busy}>
            Archive
          </Button>
        )
      )}
      {category === 'spam' ? (
        <Button onClick={() => move('inbox')} disabled={busy}>
          Not spam
        </Button>
      ) : (
        <Button variant="ghost" onClick={() => move('spam')} disabled={busy}>
          Mark as spam
        </Button>
      )}
      <Button variant="primary" onClick={onClose} data-autofocus>
        Close
      </Button>
    </div>
  ) : (
    <Button variant="primary" onClick={onClose}>
      Close
    </Button>
  );
}
