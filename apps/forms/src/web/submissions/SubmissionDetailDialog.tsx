import { Dialog } from '@orchestrator/shared/ui';
import type { Submission, SubmissionCategory } from '../../contracts/index.ts';
import { formatExact } from '../common/format-time.ts';
import { CategoryActions } from './CategoryActions.tsx';
import type { AnswerColumn } from './columns-of.ts';
import { SubmissionDetail } from './SubmissionDetail.tsx';

export interface SubmissionDetailDialogProps {
  submission: Submission | undefined;
  answerColumns: readonly AnswerColumn[];
  onClose: () => void;
  onCategory: (submission: Submission, category: SubmissionCategory) => void;
  busy: boolean;
  canEdit: boolean;
}

/** A response in a dialog, with the actions that move it between categories. */
export function SubmissionDetailDialog({
  submission,
  answerColumns,
  onClose,
  onCategory,
  busy,
  canEdit,
}: SubmissionDetailDialogProps) {
  return (
    <Dialog
      open={submission !== undefined}
      onClose={onClose}
      title={submission ? `Response of ${formatExact(submission.submittedAt)}` : 'Response'}
      footer={
        submission && (
          <CategoryActions
            submission={submission}
            onCategory={onCategory}
            onClose={onClose}
            busy={busy}
            canEdit={canEdit}
          />
        )
      }
    >
      {submission && <SubmissionDetail submission={submission} answerColumns={answerColumns} />}
    </Dialog>
  );
}
