import { readPath } from './evaluation-scope.ts';

/**
 * How inserted values are escaped: `html` for e-mail HTML bodies (the template's own markup is kept),
 * `json` for a JSON body (values are inserted as the inside of a JSON string), `none` for plain text.
 */
export type TemplateEscape = 'none' | 'html' | 'json';

// `{{ path }}` or `{{ path | default: "fallback" }}` (single or double quotes). No expressions, no eval.
// Path parts may hold spaces: form answers are keyed by field title (`event.properties.answers.Your name`).
const PLACEHOLDER =
  /\{\{\s*([^{}|"'\s](?:[^{}|"']*[^{}|"'\s])?)\s*(?:\|\s*default\s*:\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*)?\}\}/g;

/**
 * Fills `{{profile.traits.firstName}}`, `{{event.properties.plan}}`, `{{steps.<nodeId>.<field>}}` from
 * `scope`. A missing or empty value gives the fallback (`{{ profile.traits.firstName | default: "there" }}`),
 * else nothing. Objects and arrays are inserted as JSON.
 */
export function renderTemplate(
  text: string,
  scope: unknown,
  options: { escape?: TemplateEscape } = {},
): string {
  const escape = options.escape ?? 'none';
  return text.replace(PLACEHOLDER, (_match, path: string, doubleQuoted?: string, singleQuoted?: string) => {
    const fallbackSource = doubleQuoted ?? singleQuoted;
    const value = readPath(scope, path);
    const missing = value === undefined || value === null || value === '';
    const text = missing
      ? fallbackSource === undefined
        ? ''
        : unescapeQuoted(fallbackSource)
      : stringify(value);
    return escapeValue(text, escape);
  });
}

/** The paths a template reads (for the editor's hints and checks). */
export function templatePaths(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
}

function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value) ?? '';
}

function unescapeQuoted(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

function escapeValue(text: string, escape: TemplateEscape): string {
  if (escape === 'html') return escapeHtml(text);
  if (escape === 'json') return JSON.stringify(text).slice(1, -1);
  return text;
}
