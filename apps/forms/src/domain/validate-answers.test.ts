import { describe, expect, it } from 'vitest';
import { compileForm } from './compile-form.ts';
import { createAnswersValidator, validateSubmission } from './validate-answers.ts';
import { contactForm, definition } from './test-fixtures.ts';
import type { FormDefinition } from '../contracts/index.ts';

const check = (
  form: FormDefinition,
  answers: Record<string, unknown>,
  hiddenFields: Record<string, string> = {},
) => validateSubmission(form, createAnswersValidator(compileForm(form)), { answers, hiddenFields });

const errorsOf = (form: FormDefinition, answers: Record<string, unknown>) => {
  const result = check(form, answers);
  return result.ok ? [] : result.errors;
};

describe('validateSubmission', () => {
  const form = contactForm();

  it('accepts a valid submission, keeping only reached answers and declared hidden fields', () => {
    const result = check(
      form,
      {
        name: '  Ann ',
        email: 'ann@example.com',
        topic: 'Support',
        budget: 50, // skipped by the support jump: dropped
        issue: 'It broke',
        rating: 4,
        unknown: 'x',
        welcome: 'x',
      },
      { utm_source: 'newsletter', other: 'dropped' },
    );
    expect(result).toEqual({
      ok: true,
      value: {
        answers: { name: 'Ann', email: 'ann@example.com', topic: 'Support', issue: 'It broke', rating: 4 },
        hiddenFields: { utm_source: 'newsletter' },
        path: ['welcome', 'name', 'email', 'topic', 'issue', 'rating', 'thanks'],
      },
    });
  });

  it('names each bad field once, in form order, with a readable message', () => {
    expect(errorsOf(form, { name: '', email: 'not-an-email', topic: 'Sales', budget: 5, rating: 9 })).toEqual(
      [
        { field: 'answers.name', message: 'is required' },
        { field: 'answers.email', message: 'must be a valid e-mail address' },
        { field: 'answers.rating', message: 'must be between 1 and 5' },
      ],
    );
  });

  it('requires only the fields on the path', () => {
    // Sales with a budget jumps over "issue" (required): not an error.
    expect(errorsOf(form, { name: 'A', email: 'a@b.co', topic: 'Sales', budget: 1 })).toEqual([]);
    // Support skips "budget" (required) but must answer "issue".
    expect(errorsOf(form, { name: 'A', email: 'a@b.co', topic: 'Support' })).toEqual([
      { field: 'answers.issue', message: 'is required' },
    ]);
  });

  it('words errors per kind', () => {
    const options = [
      { id: 'a', label: 'A' },
      { id: 'b', label: 'B' },
      { id: 'c', label: 'C' },
    ];
    const kinds = definition({
      fields: [
        { id: 'short', kind: 'short_text', title: 'S', min: 3, max: 5 },
        { id: 'num', kind: 'number', title: 'N', integer: true, min: 1, max: 10 },
        { id: 'numLow', kind: 'number', title: 'NL', min: 1 },
        { id: 'url', kind: 'url', title: 'U' },
        { id: 'tel', kind: 'phone', title: 'P' },
        { id: 'yn', kind: 'yes_no', title: 'Y' },
        { id: 'choice', kind: 'single_choice', title: 'C', options },
        { id: 'multi', kind: 'multiple_choice', title: 'M', options, min: 2, max: 3 },
        { id: 'day', kind: 'date', title: 'D' },
        { id: 'scale', kind: 'opinion_scale', title: 'O' },
        { id: 'terms', kind: 'legal_consent', title: 'T', required: true },
        { id: 'file', kind: 'file_upload', title: 'F', maxSizeKb: 1 },
      ],
    });
    expect(
      errorsOf(kinds, {
        short: 'ab',
        num: 2.5,
        numLow: 0,
        url: 'javascript:alert(1)',
        tel: 'call me',
        yn: 'maybe',
        choice: 'D',
        multi: ['A'],
        day: '31/12/2024',
        scale: 11,
        terms: false,
        file: `data:text/plain;name=a.txt;base64,${'A'.repeat(3000)}`,
      }),
    ).toEqual([
      { field: 'answers.short', message: 'must be between 3 and 5 characters long' },
      { field: 'answers.num', message: 'must be a whole number' },
      { field: 'answers.numLow', message: 'must be at least 1' },
      { field: 'answers.url', message: 'must be a valid URL starting with http:// or https://' },
      { field: 'answers.tel', message: 'must be a valid phone number' },
      { field: 'answers.yn', message: 'must be yes or no' },
      { field: 'answers.choice', message: 'must be one of the options' },
      { field: 'answers.multi', message: 'choose between 2 and 3 options' },
      { field: 'answers.day', message: 'must be a valid date (YYYY-MM-DD)' },
      { field: 'answers.scale', message: 'must be between 0 and 10' },
      { field: 'answers.terms', message: 'must be accepted' },
      { field: 'answers.file', message: 'must be a file of at most 1 KB' },
    ]);
    expect(
      errorsOf(kinds, {
        url: 'https://example.com/a?b=c',
        tel: '+44 20 7946 0958',
        multi: ['A', 'C'],
        day: '2024-12-31',
        terms: true,
        file: 'data:text/plain;name=a.txt;base64,aGVsbG8=',
      }),
    ).toEqual([]);
  });

  it('accepts free text for choices with "other" only when allowed', () => {
    const options = [{ id: 'a', label: 'A' }];
    const withOther = definition({
      fields: [
        { id: 'one', kind: 'single_choice', title: 'One', options, allowOther: true },
        { id: 'many', kind: 'multiple_choice', title: 'Many', options, allowOther: true },
      ],
    });
    expect(errorsOf(withOther, { one: 'Something else', many: ['A', 'Mine'] })).toEqual([]);
    const without = definition({
      fields: [{ id: 'one', kind: 'single_choice', title: 'One', options }],
    });
    expect(errorsOf(without, { one: 'Something else' })).toEqual([
      { field: 'answers.one', message: 'must be one of the options' },
    ]);
  });
});
