/** Count, p50, p99 and max of latencies in milliseconds, to a tenth (NaN when there are none). */
export function summarizeLatencies(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const percentile = (p: number) =>
    sorted.length === 0
      ? Number.NaN
      : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    count: sorted.length,
    p50Ms: round(percentile(50)),
    p99Ms: round(percentile(99)),
    maxMs: round(sorted.at(-1) ?? Number.NaN),
  };
}
