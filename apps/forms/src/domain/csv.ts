import type { Field, HiddenField, Submission } from '../contracts/index.ts';
import { isAnswerable } from './compile-form.ts';
import { DATA_URL_FORMAT } from './validate-answers.ts';

/** Excel reads a UTF-8 CSV as UTF-8 (not the ANSI code page) only when it starts with this BOM. */
export const UTF8_BOM = '\uFEFF';

/**
 * One RFC 4180 field: quoted when it contains a comma, a double quote, CR or LF (or leading/trailing
 * spaces, which some readers trim), with every double quote doubled.
 */
export function csvCell(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One record, CRLF-terminated as RFC 4180 says. */
export function csvRow(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** The file name inside a `data:` URL answer (`data:<mime>;name=<name>;base64,…`). */
export function fileNameOf(dataUrl: string): string {
  const match = DATA_URL_FORMAT.exec(dataUrl);
  if (!match) return '';
  try {
    return decodeURIComponent(match[2] ?? 'file');
  } catch {
    return match[2] ?? 'file';
  }
}

/** An answer as readable text: lists joined with ", ", booleans as Yes/No, files by name. */
export function answerText(field: Pick<Field, 'kind'> | undefined, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((item) => answerText(undefined, item)).join(', ');
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (field?.kind === 'file_upload' && typeof value === 'string') return fileNameOf(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export interface CsvColumns {
  fields: Field[];
  hiddenFields: string[];
}

/**
 * The columns of an export spanning several versions: the answerable fields of the newest version in
 * its order, then fields only older versions had (newest first), then every hidden field ever declared.
 */
export function exportColumns(
  versionsNewestFirst: ReadonlyArray<{ fields: readonly Field[]; hiddenFields: readonly HiddenField[] }>,
): CsvColumns {
  const fields: Field[] = [];
  const seenFields = new Set<string>();
  const hiddenFields: string[] = [];
  for (const version of versionsNewestFirst) {
    for (const field of version.fields) {
      if (!isAnswerable(field) || field.kind === 'statement' || seenFields.has(field.id)) continue;
      seenFields.add(field.id);
      fields.push(field);
    }
    for (const hidden of version.hiddenFields) {
      if (!hiddenFields.includes(hidden.name)) hiddenFields.push(hidden.name);
    }
  }
  return { fields, hiddenFields };
}

const BASE_HEADERS = ['Submission ID', 'Submitted at', 'Category', 'Version'];

/** Column titles: field titles (made unique with the field id), then hidden field names. */
export function csvHeader(columns: CsvColumns): string {
  const used = new Set<string>(BASE_HEADERS);
  const titles = columns.fields.map((field) => {
    const title = field.title.trim() || field.id;
    const unique = used.has(title) ? `${title} (${field.id})` : title;
    used.add(unique);
    return unique;
  });
  const hidden = columns.hiddenFields.map((name) => (used.has(name) ? `${name} (hidden)` : name));
  return UTF8_BOM + csvRow([...BASE_HEADERS, ...titles, ...hidden]);
}

export function csvRecord(
  columns: CsvColumns,
  submission: Pick<Submission, 'id' | 'submittedAt' | 'category' | 'version' | 'answers' | 'hiddenFields'>,
): string {
  return csvRow([
    submission.id,
    submission.submittedAt,
    submission.category,
    String(submission.version),
    ...columns.fields.map((field) => answerText(field, submission.answers[field.id])),
    ...columns.hiddenFields.map((name) => submission.hiddenFields[name] ?? ''),
  ]);
}
