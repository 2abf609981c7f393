import { classNames } from './class-names.ts';

/** Decorative: whatever shows the spinner also says in words what is going on. */
export function Spinner({ size = 'md' }: { size?: 'md' | 'lg' }) {
  return <span className={classNames('ui-spinner', size === 'lg' && 'ui-spinner--lg')} aria-hidden="true" />;
}
