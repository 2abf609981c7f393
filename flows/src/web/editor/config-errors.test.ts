import { describe, expect, it } from 'vitest';
import type { GraphProblem } from '../../contracts/index.ts';
import { configErrorSchemaOf, problemsByNode, readableMessage } from './config-errors.ts';

const problems: GraphProblem[] = [
  { code: 'invalid-config', message: 'subject: Too small', nodeId: 'mail', path: ['subject'] },
  {
    code: 'invalid-config',
    message: 'condition.rules.0.path: Required',
    nodeId: 'if',
    path: ['condition', 'rules', 0, 'path'],
  },
  { code: 'invalid-config', message: 'Expected an object', nodeId: 'mail', path: [] },
  { code: 'unreachable', message: 'No path from the trigger leads to this step.', nodeId: 'mail' },
  { code: 'trigger-count', message: 'The flow needs a trigger.' },
];

describe('configErrorSchemaOf', () => {
  it('puts each config problem of the node under its field, without repeating the path', () => {
    expect(configErrorSchemaOf(problems, 'mail')).toEqual({
      subject: { __errors: ['Too small'] },
      __errors: ['Expected an object'],
    });
    expect(configErrorSchemaOf(problems, 'if')).toEqual({
      condition: { rules: { 0: { path: { __errors: ['Required'] } } } },
    });
    expect(configErrorSchemaOf(problems, 'other')).toEqual({});
  });
});

describe('problemsByNode', () => {
  it('groups the messages by node and leaves out problems of the whole flow', () => {
    const byNode = problemsByNode(problems);
    expect(byNode.get('mail')).toEqual([
      'subject: Too small',
      'Expected an object',
      'No path from the trigger leads to this step.',
    ]);
    expect([...byNode.keys()]).toEqual(['mail', 'if']);
  });
});

describe('readableMessage', () => {
  it('says a missing or emptied field is required', () => {
    expect(readableMessage('subject: Invalid input: expected string, received undefined')).toBe(
      'subject: Required',
    );
    expect(readableMessage('Too small: expected string to have >=1 characters')).toBe('Required');
    expect(readableMessage('Not an id')).toBe('Not an id');
  });
});
