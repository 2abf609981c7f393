import { describe, expect, it } from 'vitest';
import { csvCell, csvHeader, csvRecord, exportColumns, UTF8_BOM } from './csv.ts';
import { definition } from './test-fixtures.ts';

describe('csv', () => {
  it('quotes commas, quotes, CR/LF and edge spaces per RFC 4180, and nothing else', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line 1\nline 2')).toBe('"line 1\nline 2"');
    expect(csvCell('cr\r\nlf')).toBe('"cr\r\nlf"');
    expect(csvCell(' padded')).toBe('" padded"');
    expect(csvCell('Zoë – 東京 🎉')).toBe('Zoë – 東京 🎉');
    expect(csvCell('')).toBe('');
  });

  const v2 = definition({
    title: 'Survey',
    fields: [
      { id: 'intro', kind: 'welcome_screen', title: 'Hi' },
      { id: 'name', kind: 'short_text', title: 'Name' },
      {
        id: 'colors',
        kind: 'multiple_choice',
        title: 'Colors',
        options: [
          { id: 'r', label: 'Red' },
          { id: 'b', label: 'Blue' },
        ],
      },
      { id: 'ok', kind: 'yes_no', title: 'Name' },
      { id: 'cv', kind: 'file_upload', title: 'CV' },
    ],
    hiddenFields: [{ name: 'utm_source' }],
  });
  const v1 = definition({
    title: 'Survey',
    fields: [
      { id: 'name', kind: 'short_text', title: 'Old name' },
      { id: 'legacy', kind: 'long_text', title: 'Legacy' },
    ],
    hiddenFields: [{ name: 'ref' }],
  });

  it('spans versions: newest fields first, then removed ones, then every hidden field', () => {
    const columns = exportColumns([v2, v1]);
    expect(columns.fields.map((field) => field.id)).toEqual(['name', 'colors', 'ok', 'cv', 'legacy']);
    expect(columns.hiddenFields).toEqual(['utm_source', 'ref']);
    expect(csvHeader(columns)).toBe(
      `${UTF8_BOM}Submission ID,Submitted at,Category,Version,Name,Colors,Name (ok),CV,Legacy,utm_source,ref\r\n`,
    );
  });

  it('writes a record with readable, correctly quoted values', () => {
    const columns = exportColumns([v2, v1]);
    const row = csvRecord(columns, {
      id: 's1',
      submittedAt: '2024-06-01T10:00:00.000Z',
      category: 'inbox',
      version: 2,
      answers: {
        name: 'Doe, "Jane"\nSecond line',
        colors: ['Red', 'Blue'],
        ok: true,
        cv: 'data:application/pdf;name=cv%20final.pdf;base64,JVBERi0=',
      },
      hiddenFields: { utm_source: 'Café ☕' },
    });
    expect(row).toBe(
      's1,2024-06-01T10:00:00.000Z,inbox,2,"Doe, ""Jane""\nSecond line","Red, Blue",Yes,cv final.pdf,,Café ☕,\r\n',
    );
  });
});
