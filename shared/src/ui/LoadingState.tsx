import { Spinner } from './Spinner.tsx';

/** A spinner with words, announced politely by screen readers. */
export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="ui-loading" role="status">
      <Spinner size="lg" />
      <span>{label}</span>
    </div>
  );
}
