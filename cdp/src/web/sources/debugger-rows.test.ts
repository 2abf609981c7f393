import { describe, expect, it } from 'vitest';
import type { SourceDebuggerEntry } from '../../contracts/index.ts';
import { describeOutcome, toDebuggerRows, whoOf } from './debugger-rows.ts';

const entry = (overrides: Partial<SourceDebuggerEntry>): SourceDebuggerEntry => ({
  receivedAt: '2026-11-29T10:00:00.000Z',
  status: 'accepted',
  endpoint: 'track',
  messageId: 'm-1',
  type: 'track',
  name: 'Signed Up',
  userId: null,
  anonymousId: 'anon-1',
  reason: null,
  errors: [],
  payload: {},
  outcome: { state: 'pending' },
  ...overrides,
});

describe('toDebuggerRows', () => {
  it('keeps each row’s key when newer entries arrive on top', () => {
    const older = [
      entry({ messageId: 'm-2' }),
      entry({ status: 'refused', messageId: null, outcome: null }),
      entry({ status: 'refused', messageId: null, outcome: null }),
    ];
    const first = toDebuggerRows(older).map((row) => row.key);
    const later = toDebuggerRows([entry({ messageId: 'm-3' }), entry({ messageId: 'm-4' }), ...older]);
    expect(later.slice(2).map((row) => row.key)).toEqual(first);
    expect(new Set(later.map((row) => row.key)).size).toBe(5);
  });
});

describe('describeOutcome', () => {
  it('says what became of an entry, and why when it went wrong', () => {
    expect(describeOutcome(entry({ outcome: { state: 'processed', profileId: null } }))).toEqual({
      tone: 'success',
      label: 'In a profile',
    });
    const received = Date.parse('2026-11-29T10:00:00.000Z');
    const pending = entry({ outcome: { state: 'pending' } });
    expect(describeOutcome(pending, new Date(received + 9 * 60_000)).label).toBe('On its way');
    expect(describeOutcome(pending, new Date(received + 11 * 60_000))).toMatchObject({
      tone: 'warning',
      label: 'No trace',
    });
    expect(describeOutcome(entry({ outcome: { state: 'rejected', reason: 'Bad data' } }))).toEqual({
      tone: 'warning',
      label: 'Not processed',
      detail: 'Bad data',
    });
    expect(
      describeOutcome(entry({ status: 'refused', reason: 'The body is not valid JSON', outcome: null })),
    ).toEqual({ tone: 'danger', label: 'Refused', detail: 'The body is not valid JSON' });
  });
});

describe('whoOf', () => {
  it('prefers the user id to the anonymous id', () => {
    expect(whoOf(entry({ userId: 'u-1', anonymousId: 'a-1' }))).toBe('u-1');
    expect(whoOf(entry({ userId: null, anonymousId: 'a-1' }))).toBe('a-1');
    expect(whoOf(entry({ userId: null, anonymousId: null }))).toBeUndefined();
  });
});
