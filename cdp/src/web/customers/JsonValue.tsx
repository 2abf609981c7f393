/** Values whose JSON fits on one short line are shown inline rather than as an indented block. */
const INLINE_JSON_MAX = 48;

/**
 * Shows a value from a customer's traits or an event's properties as text, never as markup: strings as
 * they are, other scalars in code style, objects and arrays as JSON.
 */
export function JsonValue({ value, block = false }: { value: unknown; block?: boolean }) {
  if (value === null || value === undefined) return <span className="cdp-muted">empty</span>;
  if (typeof value === 'string') return <span className="cdp-value">{value}</span>;
  if (typeof value === 'number' || typeof value === 'boolean') {
    return <code className="cdp-code">{String(value)}</code>;
  }
  const compact = JSON.stringify(value);
  if (!block && compact.length <= INLINE_JSON_MAX) return <code className="cdp-code">{compact}</code>;
  return <pre className="cdp-json">{JSON.stringify(value, null, 2)}</pre>;
}
