import { describe, expect, it } from 'vitest';
import type { Field, Logic } from '../../contracts/index.ts';
import { cleanAnswers, respondentPath } from './logic.ts';

const fields: Field[] = [
  { id: 'hello', kind: 'welcome_screen', title: 'Hi' },
  {
    id: 'source',
    kind: 'single_choice',
    title: 'Source',
    options: [
      { id: 'f', label: 'Friend' },
      { id: 'n', label: 'Newsletter' },
    ],
  },
  { id: 'who', kind: 'short_text', title: 'Who?' },
  { id: 'more', kind: 'long_text', title: 'More' },
  { id: 'bye', kind: 'thank_you_screen', title: 'Bye' },
];
const logic: Logic = [
  {
    id: 'r',
    fieldId: 'source',
    match: 'all',
    conditions: [{ operator: 'is', value: 'newsletter' }],
    action: { type: 'jump', to: 'more' },
  },
];
const ids = (answers: Record<string, unknown>) =>
  respondentPath(fields, logic, answers).steps.map((field) => field.id);

describe('respondentPath', () => {
  it('follows forward jumps and leaves screens out of the steps', () => {
    expect(ids({})).toEqual(['source', 'who', 'more']);
    expect(ids({ source: 'Newsletter' })).toEqual(['source', 'more']);
    expect(respondentPath(fields, logic, {}).ending?.id).toBe('bye');
  });

  it('ignores empty answers', () => {
    expect(cleanAnswers({ a: '', b: [], c: null, d: 0, e: false })).toEqual({ d: 0, e: false });
  });
});
