import { describe, expect, it } from 'vitest';
import { compileForm } from '../../domain/compile-form.ts';
import type { Field } from '../../contracts/index.ts';
import { checkSchema } from './schema-check.ts';

const fields: Field[] = [
  { id: 'email', kind: 'email', title: 'E-mail', required: true },
  { id: 'site', kind: 'url', title: 'Site' },
  { id: 'n', kind: 'number', title: 'N', min: 1, max: 5, integer: true },
  {
    id: 'pick',
    kind: 'multiple_choice',
    title: 'Pick',
    options: [
      { id: 'a', label: 'A' },
      { id: 'b', label: 'B' },
    ],
    min: 1,
  },
  { id: 'ok', kind: 'legal_consent', title: 'OK', required: true },
  { id: 'file', kind: 'file_upload', title: 'File' },
];
const { jsonSchema } = compileForm({ title: 'T', fields, hiddenFields: [] });
const problems = (answers: Record<string, unknown>) =>
  Object.fromEntries(checkSchema(jsonSchema, answers).map((issue) => [issue.property, issue.keyword]));

describe('checkSchema (the CSP-safe checker of compiled forms)', () => {
  it('accepts valid answers', () => {
    expect(
      problems({
        email: 'ada@analytical-engines.io',
        site: 'https://a.io',
        n: 3,
        pick: ['B'],
        ok: true,
        file: 'data:text/plain;name=a.txt;base64,aGk=',
      }),
    ).toEqual({});
  });

  it('names each bad field with the keyword that failed', () => {
    expect(problems({ email: 'nope', site: 'ftp://a', n: 2.5, pick: ['C'], ok: false })).toEqual({
      '.email': 'format',
      '.site': 'pattern',
      '.n': 'type',
      '.pick.0': 'enum',
      '.ok': 'const',
    });
    expect(problems({ n: 9 })).toMatchObject({ '.email': 'required', '.n': 'maximum', '.ok': 'required' });
  });

  it('treats empty answers of optional fields as no answer', () => {
    expect(problems({ email: 'ada@analytical-engines.io', ok: true, site: '', pick: [] })).toEqual({});
  });
});
