import { describe, expect, it } from 'vitest';
import { ApiProblem } from '@orchestrator/shared/api-client';
import { DEFAULT_IDENTITY_RULES } from '../../domain/identity-rules.ts';
import { draftOf, moveType, setLimit } from './identity-rules-draft.ts';
import { errorsAfterEdit, failureFromError, failureOf } from './identity-rules-errors.ts';

describe('identity rules errors', () => {
  it('puts a 422’s limit errors at their inputs and lists the others', () => {
    const problem = new ApiProblem({
      status: 422,
      title: 'Invalid request',
      errors: [
        { field: 'body.priority', message: 'must rank every identity type exactly once' },
        { field: 'body.limits.email', message: 'too big: expected number to be <=100000' },
        { field: 'body.matching', message: 'group_id cannot link events: people of one company would merge' },
        { field: 'body.matching', message: 'must not repeat a type' },
        { field: 'body.extra', message: 'is not allowed' },
      ],
    });
    expect(failureFromError(problem)).toEqual({
      errors: {
        priority: 'Must rank every identity type exactly once',
        'limits.email': 'Too big: expected number to be <=100000',
        matching: 'Group_id cannot link events: people of one company would merge',
      },
      messages: [
        'Priority: Must rank every identity type exactly once',
        'Links events to a customer: Group_id cannot link events: people of one company would merge',
        'extra: is not allowed',
        'Check the marked limits.',
      ],
    });
  });

  it('says what any other failure says', () => {
    const forbidden = new ApiProblem({ status: 403, title: 'Forbidden', detail: 'Only admins can do this.' });
    expect(failureFromError(forbidden)).toEqual({ errors: {}, messages: ['Only admins can do this.'] });
    expect(failureFromError(new Error('boom')).messages).toEqual(['Try again in a moment.']);
    expect(failureOf({}).messages).toEqual([]);
  });

  it('drops the error of a field once it is edited, and only that one', () => {
    const before = draftOf(DEFAULT_IDENTITY_RULES);
    const errors = { 'limits.email': 'bad', 'limits.phone': 'bad', priority: 'bad' } as const;
    expect(errorsAfterEdit(errors, before, setLimit(before, 'email', '7'))).toEqual({
      'limits.phone': 'bad',
      priority: 'bad',
    });
    expect(errorsAfterEdit(errors, before, moveType(before, 'phone', -1))).toEqual({
      'limits.email': 'bad',
      'limits.phone': 'bad',
    });
  });
});
