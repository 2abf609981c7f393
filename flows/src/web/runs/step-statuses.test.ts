import { describe, expect, it } from 'vitest';
import type { Step } from '../../contracts/index.ts';
import { stepStatusesOf } from './step-statuses.ts';

function step(nodeId: string, status: Step['status'], startedAt: string): Step {
  return {
    id: crypto.randomUUID(),
    nodeId,
    nodeType: 'action.sendEmail',
    status,
    input: {},
    output: null,
    error: null,
    handle: null,
    attempts: 1,
    startedAt,
    finishedAt: null,
    durationMs: null,
  };
}

describe('stepStatusesOf', () => {
  it('gives each node the status of its latest step, whatever order the steps come in', () => {
    const statuses = stepStatusesOf([
      step('trigger', 'succeeded', '2026-01-01T10:00:00Z'),
      step('mail', 'succeeded', '2026-01-01T10:05:00Z'),
      step('mail', 'failed', '2026-01-01T10:00:01Z'),
      step('wait', 'waiting', '2026-01-01T10:05:01Z'),
    ]);
    expect(Object.fromEntries(statuses)).toEqual({
      trigger: 'succeeded',
      mail: 'succeeded',
      wait: 'waiting',
    });
  });
});
