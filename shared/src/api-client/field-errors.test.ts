import { describe, expect, it } from 'vitest';
import { ApiProblem } from './api-problem.ts';
import { formErrorsFromProblem } from './field-errors.ts';

describe('formErrorsFromProblem', () => {
  it('puts each body.* error under its field, capitalised, keeping the first message per field', () => {
    const problem = new ApiProblem({
      status: 422,
      title: 'Invalid input',
      errors: [
        { field: 'body.email', message: 'must be an e-mail address' },
        { field: 'body.password', message: 'must be at least 8 characters' },
        { field: 'body.password', message: 'is too common' },
      ],
    });
    expect(formErrorsFromProblem(problem, ['email', 'password', 'name'] as const)).toEqual({
      byField: { email: 'Must be an e-mail address', password: 'Must be at least 8 characters' },
      other: [],
    });
  });

  it('keeps errors of fields the form does not have, so they can be shown at the top', () => {
    const problem = new ApiProblem({
      status: 422,
      title: 'Invalid input',
      errors: [{ field: 'query.cursor', message: 'is malformed' }],
    });
    expect(formErrorsFromProblem(problem, ['email'] as const)).toEqual({
      byField: {},
      other: ['query.cursor: is malformed'],
    });
  });
});
