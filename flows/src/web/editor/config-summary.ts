/**
 * The one line a node shows under its label: what this step is set to do, from its config. Known
 * node types get a sentence; any other shows its first meaningful setting.
 */
export function configSummaryOf(type: string, config: Record<string, unknown>): string {
  const text = (key: string) => (typeof config[key] === 'string' ? (config[key] as string).trim() : '');
  switch (type) {
    case 'trigger.event': {
      const filters = ruleCount(config.filters);
      return text('event')
        ? `On “${text('event')}”${filters ? `, ${plural(filters, 'filter')}` : ''}`
        : 'No event chosen';
    }
    case 'trigger.formSubmitted':
      return text('formId') ? `Form ${text('formId').slice(0, 8)}…` : 'Any form';
    case 'logic.condition': {
      const rules = ruleCount(config.condition);
      if (rules === 0) return 'No rules yet';
      const match = isRecord(config.condition) && config.condition.match === 'any' ? 'any' : 'all';
      return `${plural(rules, 'rule')}, ${rules > 1 ? `${match} must match` : 'must match'}`;
    }
    case 'logic.waitDuration':
      return typeof config.amount === 'number' && typeof config.unit === 'string'
        ? `Wait ${config.amount} ${config.amount === 1 ? config.unit.replace(/s$/, '') : config.unit}`
        : 'No duration set';
    case 'action.sendEmail':
      return text('subject') ? `“${text('subject')}” to ${text('to') || '…'}` : 'No subject yet';
    case 'logic.exit':
      return text('reason') || 'Ends the run';
    default:
      return genericSummary(config);
  }
}

const PREFERRED_KEYS = ['event', 'name', 'title', 'subject', 'url', 'formId', 'segmentId', 'cron', 'prompt'];

function genericSummary(config: Record<string, unknown>): string {
  for (const key of PREFERRED_KEYS) {
    const value = config[key];
    if (typeof value === 'string' && value.trim()) return shorten(value.trim());
  }
  for (const value of Object.values(config)) {
    if (typeof value === 'string' && value.trim()) return shorten(value.trim());
    if (typeof value === 'number') return String(value);
  }
  return '';
}

/** Rules in a condition group, counting nested groups' rules. */
function ruleCount(group: unknown): number {
  if (!isRecord(group)) return 0;
  const rules = Array.isArray(group.rules) ? group.rules.length : 0;
  const nested = Array.isArray(group.groups)
    ? group.groups.reduce<number>((sum, inner) => sum + ruleCount(inner), 0)
    : 0;
  return rules + nested;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function shorten(value: string): string {
  const line = value.split('\n')[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
