import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { permutationOf } from '../test-support.ts';
import type { ConsentObservation } from './consent-observations.ts';
import { resolveConsents } from './resolve-consents.ts';

const observation = (
  purpose: string,
  status: ConsentObservation['status'],
  at: string,
  source: ConsentObservation['source'] = 'context',
  messageId: string | null = `m-${at}`,
): ConsentObservation => ({ purpose, status, at, source, messageId });

describe('resolveConsents', () => {
  it('lets the latest event time win, whatever order observations arrive in', () => {
    const newer = observation('marketing', 'granted', '2024-06-01T10:05:00.000Z');
    const older = observation('marketing', 'denied', '2024-06-01T10:01:00.000Z', 'traits');
    const expected = {
      marketing: { status: 'granted', updatedAt: '2024-06-01T10:05:00.000Z', source: 'context' },
    };
    expect(resolveConsents([older, newer])).toEqual(expected);
    expect(resolveConsents([newer, older])).toEqual(expected);
  });

  it('reads a denial after an earlier grant as revoked, but a first denial as denied', () => {
    expect(
      resolveConsents([
        observation('marketing', 'granted', '2024-06-01T10:00:00Z'),
        observation('marketing', 'denied', '2024-06-01T11:00:00Z'),
        observation('analytics', 'denied', '2024-06-01T10:00:00Z'),
        observation('analytics', 'granted', '2024-06-01T11:00:00Z'),
        observation('sales', 'denied', '2024-06-01T10:00:00Z'),
      ]),
    ).toEqual({
      analytics: { status: 'granted', updatedAt: '2024-06-01T11:00:00Z', source: 'context' },
      marketing: { status: 'revoked', updatedAt: '2024-06-01T11:00:00Z', source: 'context' },
      sales: { status: 'denied', updatedAt: '2024-06-01T10:00:00Z', source: 'context' },
    });
  });

  it('compares instants, not spellings, and lets the more restrictive answer win a tie', () => {
    const resolved = resolveConsents([
      observation('marketing', 'denied', '2024-06-01T12:00:00+02:00', 'api', null),
      observation('marketing', 'granted', '2024-06-01T10:00:00.000Z', 'context'),
    ]);
    // Same instant: denied wins; no grant came strictly before it, so it is not a revocation.
    expect(resolved.marketing).toEqual({
      status: 'denied',
      updatedAt: '2024-06-01T12:00:00+02:00',
      source: 'api',
    });
  });

  it('takes a status set through the API as it is', () => {
    expect(
      resolveConsents([observation('sales', 'revoked', '2024-06-01T10:00:00Z', 'api', null)]).sales?.status,
    ).toBe('revoked');
    const resolved = resolveConsents([
      observation('sales', 'granted', '2024-06-01T10:00:00Z'),
      observation('sales', 'denied', '2024-06-01T11:00:00Z', 'api', null),
    ]);
    expect(resolved.sales).toEqual({ status: 'denied', updatedAt: '2024-06-01T11:00:00Z', source: 'api' });
  });

  it('is a function of the set of observations (property: every permutation gives the same answer)', () => {
    const arbitraryObservation = fc.record({
      purpose: fc.constantFrom('marketing', 'analytics', 'c0004'),
      status: fc.constantFrom('granted' as const, 'denied' as const, 'revoked' as const),
      at: fc.constantFrom(
        '2024-01-01T00:00:00Z',
        '2024-01-01T01:00:00+01:00',
        '2024-01-01T00:00:00.001Z',
        '2024-01-02T00:00:00Z',
      ),
      source: fc.constantFrom('context' as const, 'traits' as const, 'api' as const),
      messageId: fc.option(fc.constantFrom('m-a', 'm-b', 'm-c'), { nil: null }),
    });
    fc.assert(
      fc.property(
        fc
          .array(arbitraryObservation, { maxLength: 12 })
          .chain((items) => fc.tuple(fc.constant(items), permutationOf(items))),
        ([items, shuffled]) => {
          expect(JSON.stringify(resolveConsents(shuffled))).toBe(JSON.stringify(resolveConsents(items)));
        },
      ),
    );
  });

  it('is empty without observations', () => {
    expect(resolveConsents([])).toEqual({});
  });
});
