import type { FlowStats } from '../../contracts/index.ts';

/** Share of finished runs that failed, e.g. "4.2%"; "—" before any run finished. */
export function errorRateOf(stats: FlowStats): string {
  const finished = stats.completed + stats.failed;
  if (finished === 0) return '—';
  const rate = (stats.failed / finished) * 100;
  if (rate === 0) return '0%';
  return rate < 0.1 ? '<0.1%' : `${rate < 10 ? rate.toFixed(1) : Math.round(rate)}%`;
}
