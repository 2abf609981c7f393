/**
 * A JSON text that is equal for deeply equal values: object keys are sorted, so `{a:1,b:2}` and
 * `{b:2,a:1}` read the same. Used to compare trait values by deep equality and to order them when
 * every other tie-breaker is equal, which keeps merges deterministic.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(toCanonical(value)) ?? 'null';
}

function toCanonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : toCanonical(item)));
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value.toISOString();
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined) sorted[key] = toCanonical(item);
  }
  return sorted;
}

/** Deep equality of JSON-like values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** A total order on JSON-like values (by their canonical text). */
export function compareCanonical(a: unknown, b: unknown): number {
  const left = canonicalJson(a);
  const right = canonicalJson(b);
  return left < right ? -1 : left > right ? 1 : 0;
}
