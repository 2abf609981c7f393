import { Badge } from '@orchestrator/shared/ui';
import type { Submission } from '../../contracts/index.ts';
import { formatDuration, formatExact } from '../common/format-time.ts';
import { AnswerText } from './AnswerText.tsx';
import type { AnswerColumn } from './columns-of.ts';
import { CATEGORY_LABELS } from './submission-columns.tsx';

const SPAM_REASONS: Record<string, string> = {
  honeypot: 'a hidden anti-bot field was filled in',
  too_fast: 'it was filled in faster than a person could',
};

/** One response: answers by question title, hidden fields, and when and how it was sent. */
export function SubmissionDetail({
  submission,
  answerColumns,
}: {
  submission: Submission;
  answerColumns: readonly AnswerColumn[];
}) {
  const { category } = submission;
  const answered = answerColumns.filter((column) => column.fieldId in submission.answers);
  const unknown = Object.keys(submission.answers).filter(
    (id) => !answerColumns.some((column) => column.fieldId === id),
  );
  const hidden = Object.entries(submission.hiddenFields);
  const duration = formatDuration(submission.startedAt, submission.submittedAt);
  return (
    <div className="forms-detail">
      <p className="forms-detail__meta">
        <Badge tone={CATEGORY_LABELS[category].tone}>{CATEGORY_LABELS[category].label}</Badge>
        <span>Version {submission.version}</span>
        {duration && <span>Filled in {duration}</span>}
      </p>
      {category === 'spam' && submission.spamReason && (
        <p className="forms-warning">
          Filed as spam because {SPAM_REASONS[submission.spamReason] ?? submission.spamReason}.
        </p>
      )}
      <h3 className="forms-section-title">Answers</h3>
      {answered.length === 0 && unknown.length === 0 ? (
        <p className="forms-muted">No answers (every question was optional or skipped).</p>
      ) : (
        <dl className="forms-detail__list">
          {answered.map((column) => (
            <div key={column.id} className="forms-detail__item">
              <dt>{column.title}</dt>
              <dd>
                <AnswerText field={column.field} value={submission.answers[column.fieldId]} full />
              </dd>
            </div>
          ))}
          {unknown.map((id) => (
            <div key={id} className="forms-detail__item">
              <dt>
                <code className="forms-code">{id}</code>
              </dt>
              <dd>
                <AnswerText value={submission.answers[id]} full />
              </dd>
            </div>
          ))}
        </dl>
      )}
      <h3 className="forms-section-title">Hidden fields</h3>
      {hidden.length === 0 ? (
        <p className="forms-muted">None were in the link.</p>
      ) : (
        <dl className="forms-detail__list">
          {hidden.map(([name, value]) => (
            <div key={name} className="forms-detail__item">
              <dt>
                <code className="forms-code">{name}</code>
              </dt>
              <dd className="forms-answer--full">{value}</dd>
            </div>
          ))}
        </dl>
      )}
      <h3 className="forms-section-title">Details</h3>
      <dl className="forms-detail__list">
        <div className="forms-detail__item">
          <dt>Started</dt>
          <dd>{submission.startedAt ? formatExact(submission.startedAt) : 'Not known'}</dd>
        </div>
        <div className="forms-detail__item">
          <dt>Submitted</dt>
          <dd>{formatExact(submission.submittedAt)}</dd>
        </div>
        <div className="forms-detail__item">
          <dt>Browser</dt>
          <dd className="forms-answer--full">{submission.userAgent ?? 'Not known'}</dd>
        </div>
        <div className="forms-detail__item">
          <dt>Response ID</dt>
          <dd>
            <code className="forms-code">{submission.id}</code>
          </dd>
        </div>
      </dl>
    </div>
  );
}
