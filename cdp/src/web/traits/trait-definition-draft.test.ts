import { describe, expect, it } from 'vitest';
import {
  draftErrors,
  draftOf,
  isDraftChanged,
  newDraftRow,
  toDefinitions,
} from './trait-definition-draft.ts';

const saved = [
  { key: 'plan', label: 'Plan', type: 'text' as const, strategy: 'latest' as const },
  { key: 'score', label: 'Score', type: 'number' as const, strategy: 'max' as const },
];

describe('trait definition drafts', () => {
  it('round-trips the stored definitions unchanged', () => {
    const rows = draftOf(saved);
    expect(toDefinitions(rows)).toEqual(saved);
    expect(isDraftChanged(rows, saved)).toBe(false);
    expect(new Set(rows.map((row) => row.rowId)).size).toBe(2);
  });

  it('trims, sorts by key and notices a change', () => {
    const rows = [...draftOf(saved), { ...newDraftRow(), key: ' company ', label: ' Company ' }];
    expect(toDefinitions(rows).map((definition) => definition.key)).toEqual(['company', 'plan', 'score']);
    expect(toDefinitions(rows)[0]).toEqual({
      key: 'company',
      label: 'Company',
      type: 'text',
      strategy: 'latest',
    });
    expect(isDraftChanged(rows, saved)).toBe(true);
    expect(isDraftChanged([{ ...rows[0]!, strategy: 'first' }, rows[1]!], saved)).toBe(true);
  });

  it('asks for a key and a label, and refuses a key defined twice', () => {
    const blank = newDraftRow();
    const twice = { ...newDraftRow(), key: 'plan ', label: 'Plan again' };
    const errors = draftErrors([...draftOf(saved), blank, twice]);
    expect(errors.get(blank.rowId)).toEqual({
      key: 'Enter the trait key, e.g. plan',
      label: 'Enter a label',
    });
    expect(errors.get(twice.rowId)).toEqual({ key: 'Another row defines this trait' });
    expect(errors.size).toBe(2);
  });
});
