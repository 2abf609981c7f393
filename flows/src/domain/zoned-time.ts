/**
 * Wall-clock time in an IANA time zone, with `Intl` only (runs in the browser too). Used by
 * `logic.waitUntil` to find "the next Monday at 09:00 in the profile's zone" across DST changes.
 */
export const WEEKDAYS = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface WallTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second?: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(zone: string): boolean {
  if (zone.trim() === '') return false;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time at `instant` in `zone`. */
export function wallTimeAt(instant: Date, zone: string): Required<WallTime> {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/** How far `zone` is ahead of UTC at `instant`, in ms. */
function offsetAt(instant: number, zone: string): number {
  const wall = wallTimeAt(new Date(instant), zone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a wall-clock time happens in `zone`. A time skipped by a spring-forward change is
 * moved forward by the gap (02:30 → 03:30); a time that happens twice in the autumn takes the first.
 */
export function instantOfWallTime(wall: WallTime, zone: string): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second ?? 0);
  // Zones change offset at most once within a day either side, so these two offsets cover every case.
  const before = asUtc - offsetAt(asUtc - 86_400_000, zone);
  const after = asUtc - offsetAt(asUtc + 86_400_000, zone);
  const valid = [before, after].filter((instant) => sameWallTime(wallTimeAt(new Date(instant), zone), wall));
  if (valid.length > 0) return new Date(Math.min(...valid));
  // In a spring-forward gap: the offset from before the change lands just after the gap.
  return new Date(before);
}

function sameWallTime(a: WallTime, b: WallTime): boolean {
  return (
    a.year === b.year &&
    a.month === b.month &&
    a.day === b.day &&
    a.hour === b.hour &&
    a.minute === b.minute &&
    (a.second ?? 0) === (b.second ?? 0)
  );
}

/**
 * The first instant strictly after `after` when the clock in `zone` shows `hour:minute` on one of
 * `weekdays` (any day when empty).
 */
export function nextWallClockTime(
  after: Date,
  time: { hour: number; minute: number },
  weekdays: readonly Weekday[],
  zone: string,
): Date {
  const today = wallTimeAt(after, zone);
  for (let offset = 0; offset <= 8; offset++) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
    const weekday = WEEKDAYS[date.getUTCDay()]!;
    if (weekdays.length > 0 && !weekdays.includes(weekday)) continue;
    const candidate = instantOfWallTime(
      { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), ...time },
      zone,
    );
    if (candidate.getTime() > after.getTime()) return candidate;
  }
  // Unreachable: within 8 days every weekday comes round after `after`.
  throw new Error('No next occurrence found');
}
