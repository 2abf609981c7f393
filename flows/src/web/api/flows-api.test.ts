import { describe, expect, it } from 'vitest';
import { ApiProblem } from '@orchestrator/shared/api-client';
import type { GraphProblem } from '../../contracts/index.ts';
import { refusedGraphProblems } from './flows-api.ts';

const problems: GraphProblem[] = [
  { code: 'invalid-config', message: 'Pick a sender', nodeId: 'mail', path: ['from'] },
  { code: 'trigger-count', message: 'An automation starts with exactly one trigger' },
];

describe('refusedGraphProblems', () => {
  it('reads the problems a refused publish lists in its 422', () => {
    const refusal = new ApiProblem({ status: 422, title: 'Invalid input', problems });
    expect(refusedGraphProblems(refusal)).toEqual(problems);
  });

  it('is undefined for other failures and for a 422 without a well-formed list', () => {
    expect(
      refusedGraphProblems(new ApiProblem({ status: 409, title: 'Conflict', problems })),
    ).toBeUndefined();
    expect(refusedGraphProblems(new ApiProblem({ status: 422, title: 'Invalid input' }))).toBeUndefined();
    expect(
      refusedGraphProblems(
        new ApiProblem({ status: 422, title: 'Invalid input', problems: [{ code: 'new' }] }),
      ),
    ).toBeUndefined();
    expect(refusedGraphProblems(new Error('offline'))).toBeUndefined();
  });
});
