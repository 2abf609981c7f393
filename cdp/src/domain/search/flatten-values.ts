/** One readable value of a JSON object: a dotted key path and the value as text. */
export interface FlatValue {
  key: string;
  value: string;
}

export interface FlattenOptions {
  /** Keys that come first, in this order (compared case-insensitively); the rest follow by name. */
  order: readonly string[];
  maxEntries: number;
}

/** Nested objects deeper than this are left out: their values are rarely words a person searches for. */
const MAX_DEPTH = 2;
const MAX_ARRAY_ITEMS = 10;

/** Identifiers (`id`, `ticket_id`, `orderId`) say nothing about a customer; secrets must not be indexed. */
const ID_KEY = /^ids?$|_ids?$/i;
const CAMEL_ID_KEY = /[a-z0-9]Ids?$/;
const SECRET_KEY = /password|secret|token|api_?key|credit_?card/i;
/** Values that are ids (UUIDs, long hex or base64-ish strings without spaces). */
const ID_LIKE_VALUE =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{24,}|[A-Za-z0-9_-]{32,})$/i;

/**
 * The scalar values of an object as `key: value` pairs, in a fixed order: preferred keys first, then
 * by name (code unit order, the same on every machine). Nested objects become dotted keys, arrays are
 * joined; empty values, ids and secrets are left out.
 */
export function flattenValues(record: Record<string, unknown>, options: FlattenOptions): FlatValue[] {
  const out: FlatValue[] = [];
  for (const key of orderedKeys(record, options.order)) {
    if (out.length >= options.maxEntries) break;
    collect(key, record[key], 1, out, options.maxEntries);
  }
  return out;
}

function collect(path: string, value: unknown, depth: number, out: FlatValue[], max: number): void {
  if (out.length >= max || isSkippedKey(lastSegment(path))) return;
  if (Array.isArray(value)) {
    const text = value
      .slice(0, MAX_ARRAY_ITEMS)
      .map((item) => itemText(item))
      .filter((item): item is string => item !== undefined)
      .join(' | ');
    if (text) out.push({ key: path, value: text });
    return;
  }
  if (isRecord(value)) {
    if (depth >= MAX_DEPTH) return;
    for (const key of orderedKeys(value, [])) collect(`${path}.${key}`, value[key], depth + 1, out, max);
    return;
  }
  const text = scalarText(value);
  if (text !== undefined) out.push({ key: path, value: text });
}

/** An array item: a scalar, or an object's scalar values (e.g. a form answer `{question, answer}`). */
function itemText(item: unknown): string | undefined {
  if (!isRecord(item)) return scalarText(item);
  const parts = orderedKeys(item, ['question', 'label', 'answer', 'value'])
    .filter((key) => !isSkippedKey(key))
    .map((key) => scalarText(item[key]))
    .filter((part): part is string => part !== undefined);
  return parts.length > 0 ? parts.join(': ') : undefined;
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/\s+/g, ' ').trim();
  return text === '' || ID_LIKE_VALUE.test(text) ? undefined : text;
}

function orderedKeys(record: Record<string, unknown>, order: readonly string[]): string[] {
  const rank = (key: string) => {
    const index = order.indexOf(key) >= 0 ? order.indexOf(key) : order.indexOf(key.toLowerCase());
    return index === -1 ? order.length : index;
  };
  return Object.keys(record).sort((left, right) => {
    const byRank = rank(left) - rank(right);
    if (byRank !== 0) return byRank;
    return left < right ? -1 : left > right ? 1 : 0;
  });
}

function isSkippedKey(key: string): boolean {
  return ID_KEY.test(key) || CAMEL_ID_KEY.test(key) || SECRET_KEY.test(key);
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
