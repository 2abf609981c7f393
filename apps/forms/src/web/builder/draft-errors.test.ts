import { describe, expect, it } from 'vitest';
import { ApiProblem } from '@orchestrator/shared/api-client';
import { FormDefinitionSchema } from '../../contracts/index.ts';
import { countDraftErrors, draftErrorsOf } from './draft-errors.ts';

const draft = FormDefinitionSchema.parse({
  title: 'T',
  fields: [
    { id: 'a', kind: 'short_text', title: 'A' },
    { id: 'b', kind: 'yes_no', title: 'B' },
  ],
  logic: [
    {
      id: 'r1',
      fieldId: 'b',
      conditions: [{ operator: 'is', value: true }],
      action: { type: 'jump', to: 'a' },
    },
  ],
});

describe('draftErrorsOf', () => {
  it('puts each message of a refused save on its field, rule or setting', () => {
    const error = new ApiProblem({
      status: 422,
      title: 'Invalid input',
      errors: [
        { field: 'body.logic.0.action.to', message: 'rule "r1" jumps backwards' },
        { field: 'body.fields.1.title', message: 'is too long' },
        { field: 'body.settings.theme.logoUrl', message: 'must be a URL' },
        { field: 'body.settings.notifyEmails.2', message: 'must be an e-mail address' },
      ],
    });
    const errors = draftErrorsOf({ error, draft });
    expect(errors.rules).toEqual({ r1: 'Rule "r1" jumps backwards' });
    expect(errors.fields).toEqual({ b: { title: 'Is too long' } });
    expect(errors.settings).toEqual({
      'theme.logoUrl': 'Must be a URL',
      notifyEmails: 'Must be an e-mail address',
    });
    expect(countDraftErrors(errors)).toBe(4);
  });

  it('says a network failure in words', () => {
    expect(draftErrorsOf({ error: new Error('offline'), draft }).other).toHaveLength(1);
  });
});
