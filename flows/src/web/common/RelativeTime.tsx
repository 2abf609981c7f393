import { formatExact, formatRelative } from './format-time.ts';

/** A time shown as "3 hours ago", with the exact date and time on hover. */
export function RelativeTime({ iso }: { iso: string | null }) {
  if (!iso) return <span className="flows-muted">—</span>;
  return (
    <time dateTime={iso} title={formatExact(iso)}>
      {formatRelative(iso)}
    </time>
  );
}
