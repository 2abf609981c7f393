/**
 * Ordering of ISO-8601 timestamps as instants. Strings cannot be compared as text ('+02:00' offsets,
 * varying fraction digits), and `Date.parse` alone drops everything below a millisecond, which would
 * turn two distinct Postgres microsecond times into a tie. Timestamps without an offset are read as
 * UTC, never as the server's local time, so the result does not depend on the machine.
 */

interface InstantKey {
  /** Whole-second part in epoch milliseconds; NaN when the text is not a date. */
  millis: number;
  /** The fraction of the second, in nanoseconds. */
  nanos: number;
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?)(?:[.,](\d+))?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function instantKey(iso: string): InstantKey {
  const match = DATE_TIME.exec(iso.trim());
  if (!match) return { millis: Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso), nanos: 0 };
  const [, wholeSeconds, fraction = '', offset] = match;
  const zone = offset === undefined || offset.toUpperCase() === 'Z' ? 'Z' : normalizeOffset(offset);
  return {
    millis: Date.parse(`${wholeSeconds!.replace(' ', 'T')}${zone}`),
    nanos: Number(fraction.slice(0, 9).padEnd(9, '0')),
  };
}

function normalizeOffset(offset: string): string {
  const digits = offset.slice(1).replace(':', '');
  return `${offset[0]}${digits.slice(0, 2)}:${digits.slice(2, 4).padEnd(2, '0')}`;
}

/**
 * Negative when `a` is earlier than `b`, 0 for the same instant however it is written ('Z' vs
 * '+00:00'). Unparseable strings sort after every real date (and among themselves by text).
 */
export function compareInstants(a: string, b: string): number {
  if (a === b) return 0;
  const left = instantKey(a);
  const right = instantKey(b);
  const leftValid = !Number.isNaN(left.millis);
  const rightValid = !Number.isNaN(right.millis);
  if (leftValid !== rightValid) return leftValid ? -1 : 1;
  if (!leftValid) return a < b ? -1 : 1;
  if (left.millis !== right.millis) return left.millis - right.millis;
  return left.nanos - right.nanos;
}

/** Like compareInstants, but one instant written two ways is ordered by its text: a total order. */
export function compareInstantsStrictly(a: string, b: string): number {
  return compareInstants(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** The earlier of two optional instants (null meaning "none yet"); deterministic on ties. */
export function earliestInstant(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return compareInstantsStrictly(a, b) <= 0 ? a : b;
}

/** The later of two optional instants (null meaning "none yet"); deterministic on ties. */
export function latestInstant(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return compareInstantsStrictly(a, b) >= 0 ? a : b;
}
