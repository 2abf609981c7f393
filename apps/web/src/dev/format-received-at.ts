const sameDayFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const otherDayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'long' });

/** Short form for the list: only the time for today's messages, like a mail client. */
export function formatReceivedShort(iso: string, now = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toDateString() === now.toDateString()
    ? sameDayFormat.format(date)
    : otherDayFormat.format(date);
}

export function formatReceivedFull(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : fullFormat.format(date);
}
