import { Button } from './Button.tsx';

export interface ErrorStateProps {
  /**
   * What went wrong. Anything with a `title`/`detail` (an RFC 9457 problem, or the web client's
   * ApiProblem error) is shown as such; a plain Error shows its message.
   */
  error: unknown;
  /** Offered as a "Try again" button when given. */
  onRetry?: () => void;
  /** Heading used when the error carries no title of its own. */
  fallbackTitle?: string;
}

interface ProblemLike {
  title?: unknown;
  detail?: unknown;
  message?: unknown;
}

function describe(error: unknown, fallbackTitle: string): { title: string; detail?: string } {
  if (typeof error !== 'object' || error === null) {
    return typeof error === 'string' ? { title: fallbackTitle, detail: error } : { title: fallbackTitle };
  }
  const problem = error as ProblemLike;
  const title = typeof problem.title === 'string' && problem.title ? problem.title : fallbackTitle;
  if (typeof problem.detail === 'string' && problem.detail) return { title, detail: problem.detail };
  if (typeof problem.message === 'string' && problem.message && problem.message !== title) {
    return { title, detail: problem.message };
  }
  return { title };
}

export function ErrorState({ error, onRetry, fallbackTitle = 'Something went wrong' }: ErrorStateProps) {
  const { title, detail } = describe(error, fallbackTitle);
  return (
    <div className="ui-state ui-state--error" role="alert">
      <h2 className="ui-state__title">{title}</h2>
      {detail && <p className="ui-state__description">{detail}</p>}
      {onRetry && (
        <div className="ui-state__actions">
          <Button variant="secondary" onClick={onRetry}>
            Try again
          </Button>
        </div>
      )}
    </div>
  );
}
