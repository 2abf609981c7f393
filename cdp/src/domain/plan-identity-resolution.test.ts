import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBlockedIdentifier } from './blocked-identifier-values.ts';
import { extractIdentifiers } from './identifiers.ts';
import type { Identifier } from './identifiers.ts';
import { planIdentityResolution } from './plan-identity-resolution.ts';
import type { CandidateProfile } from './plan-identity-resolution.ts';
import { normalizedMessage, permutationOf } from './test-support.ts';

const userId = (value: string): Identifier => ({ type: 'user_id', value });
const anonymousId = (value: string): Identifier => ({ type: 'anonymous_id', value });
const email = (value: string): Identifier => ({ type: 'email', value });
const groupId = (value: string): Identifier => ({ type: 'group_id', value });

function profile(
  id: string,
  firstSeenAt: string | null,
  identities: Identifier[],
  createdAt = '2024-01-01T00:00:00Z',
) {
  return { id, firstSeenAt, createdAt, identities } satisfies CandidateProfile;
}

describe('planIdentityResolution', () => {
  it('creates a profile when nothing matches', () => {
    expect(planIdentityResolution([anonymousId('a-1'), email('jane@acme.com')], [])).toEqual({
      kind: 'create',
      attach: [anonymousId('a-1'), email('jane@acme.com')],
      dropped: [],
    });
  });

  it('attaches only the new identifiers when one profile matches', () => {
    const known = profile('p-1', '2024-01-01T00:00:00Z', [anonymousId('a-1')]);
    expect(planIdentityResolution([userId('u-1'), anonymousId('a-1')], [known])).toEqual({
      kind: 'attach',
      profileId: 'p-1',
      attach: [userId('u-1')],
      dropped: [],
    });
  });

  it('merges two profiles linked by an e-mail into the oldest', () => {
    const customer = profile('p-customer', '2023-05-01T10:00:00Z', [userId('u-1'), email('jane@acme.com')]);
    const visitor = profile('p-visitor', '2024-02-01T10:00:00Z', [anonymousId('a-9')]);
    // An anonymous visitor submits a form with the customer's e-mail.
    const plan = planIdentityResolution([anonymousId('a-9'), email('jane@acme.com')], [visitor, customer]);
    expect(plan).toEqual({
      kind: 'merge',
      survivorId: 'p-customer',
      absorbedIds: ['p-visitor'],
      attach: [],
      dropped: [],
      rule: 'shared email + anonymous_id',
    });
  });

  it('keeps the oldest profile as survivor even when the younger one is the identified one', () => {
    const visitor = profile('p-visitor', '2023-01-01T00:00:00Z', [anonymousId('a-1')]);
    const customer = profile('p-customer', '2024-01-01T00:00:00Z', [userId('u-1')]);
    const plan = planIdentityResolution(
      [userId('u-1'), anonymousId('a-1'), email('j@acme.com')],
      [customer, visitor],
    );
    expect(plan).toMatchObject({ kind: 'merge', survivorId: 'p-visitor', absorbedIds: ['p-customer'] });
    expect(plan.attach).toEqual([email('j@acme.com')]);
  });

  it('names alias merges after the call', () => {
    const visitor = profile('p-visitor', '2023-01-01T00:00:00Z', [anonymousId('a-1')]);
    const customer = profile('p-customer', '2024-01-01T00:00:00Z', [userId('u-1')]);
    const plan = planIdentityResolution([userId('u-1'), anonymousId('a-1')], [visitor, customer], undefined, {
      messageType: 'alias',
    });
    expect(plan).toMatchObject({ kind: 'merge', rule: 'alias' });
  });

  it('creates a new profile for a second user id on a shared device, dropping the device id', () => {
    const first = profile('p-first', '2024-01-01T00:00:00Z', [userId('alice'), anonymousId('shared-laptop')]);
    const plan = planIdentityResolution([userId('bob'), anonymousId('shared-laptop')], [first]);
    expect(plan).toEqual({
      kind: 'create',
      attach: [userId('bob')],
      dropped: [anonymousId('shared-laptop')],
    });
  });

  it('attaches a second user id to the profile its e-mail finds when only the device conflicts', () => {
    const alice = profile('p-alice', '2024-01-01T00:00:00Z', [userId('alice'), anonymousId('shared-laptop')]);
    const lead = profile('p-lead', '2024-03-01T00:00:00Z', [email('bob@acme.com')]);
    const plan = planIdentityResolution(
      [userId('bob'), anonymousId('shared-laptop'), email('bob@acme.com')],
      [alice, lead],
    );
    expect(plan).toEqual({
      kind: 'attach',
      profileId: 'p-lead',
      attach: [userId('bob')],
      dropped: [anonymousId('shared-laptop')],
    });
  });

  it('never merges two identified profiles, whatever links them', () => {
    const alice = profile('p-alice', '2024-01-01T00:00:00Z', [userId('alice')]);
    const bob = profile('p-bob', '2024-02-01T00:00:00Z', [userId('bob'), email('shared@acme.com')]);
    const plan = planIdentityResolution([userId('alice'), email('shared@acme.com')], [alice, bob]);
    expect(plan).toEqual({
      kind: 'attach',
      profileId: 'p-alice',
      attach: [],
      dropped: [email('shared@acme.com')],
    });
  });

  it('refuses an alias that would rename a user: the former user id is dropped', () => {
    const renamed = normalizedMessage({
      type: 'alias',
      userId: 'new',
      previousId: 'old',
      anonymousId: 'a-1',
    });
    const newUser = profile('p-new', '2024-01-01T00:00:00Z', [userId('new')]);
    const oldUser = profile('p-old', '2023-01-01T00:00:00Z', [userId('old'), anonymousId('a-1')]);
    const plan = planIdentityResolution(extractIdentifiers(renamed), [newUser, oldUser]);
    expect(plan).toEqual({
      kind: 'attach',
      profileId: 'p-new',
      attach: [],
      dropped: [anonymousId('a-1'), userId('old')],
    });
  });

  it('never merges two people of one company through their group id', () => {
    const alice = profile('p-alice', '2024-01-01T00:00:00Z', [userId('alice'), groupId('acme')]);
    const lead = profile('p-lead', '2024-02-01T00:00:00Z', [anonymousId('a-7'), groupId('acme')]);
    expect(planIdentityResolution([userId('carol'), groupId('acme')], [alice, lead])).toEqual({
      kind: 'create',
      attach: [userId('carol'), groupId('acme')],
      dropped: [],
    });
    expect(planIdentityResolution([anonymousId('a-7'), groupId('acme')], [alice, lead])).toEqual({
      kind: 'attach',
      profileId: 'p-lead',
      attach: [],
      dropped: [],
    });
  });

  it('never merges through a placeholder anonymous id once the caller removes blocked values', () => {
    const first = profile('p-first', '2024-01-01T00:00:00Z', [anonymousId('a-1'), email('first@acme.com')]);
    const message = normalizedMessage({
      type: 'identify',
      anonymousId: 'undefined',
      traits: { email: 'second@acme.com' },
    });
    const extracted = extractIdentifiers(message);
    expect(extracted).toContainEqual(anonymousId('undefined'));
    const usable = extracted.filter((identifier) => !isBlockedIdentifier(identifier, new Set()));
    expect(usable).toEqual([email('second@acme.com')]);
    // Had 'undefined' been stored as p-first's id too, the raw identifiers would attach to it:
    const polluted = { ...first, identities: [...first.identities, anonymousId('undefined')] };
    expect(planIdentityResolution(extracted, [polluted]).kind).toBe('attach');
    expect(planIdentityResolution(usable, [])).toEqual({ kind: 'create', attach: usable, dropped: [] });
  });

  it('drops a value over its limit instead of growing the profile', () => {
    const emails = ['a', 'b', 'c', 'd', 'e'].map((name) => email(`${name}@acme.com`));
    const full = profile('p-1', '2024-01-01T00:00:00Z', [userId('u-1'), ...emails]);
    expect(planIdentityResolution([userId('u-1'), email('f@acme.com')], [full])).toEqual({
      kind: 'attach',
      profileId: 'p-1',
      attach: [],
      dropped: [email('f@acme.com')],
    });
  });

  it('still attaches to a profile that is over a limit tightened later, without adding to it', () => {
    const legacy = profile('p-1', '2024-01-01T00:00:00Z', [userId('u-1'), userId('u-2'), anonymousId('a-1')]);
    expect(planIdentityResolution([anonymousId('a-1'), email('j@acme.com')], [legacy])).toEqual({
      kind: 'attach',
      profileId: 'p-1',
      attach: [email('j@acme.com')],
      dropped: [],
    });
    expect(planIdentityResolution([anonymousId('a-1'), userId('u-3')], [legacy])).toMatchObject({
      kind: 'create',
      attach: [userId('u-3')],
    });
  });

  it('gives a message without usable identifiers an empty create', () => {
    expect(planIdentityResolution([], [])).toEqual({ kind: 'create', attach: [], dropped: [] });
  });

  it('orders survivors by first seen (unseen last), then creation, then id', () => {
    const unseen = profile('p-a', null, [anonymousId('1')], '2020-01-01T00:00:00Z');
    const seen = profile('p-z', '2024-01-01T00:00:00+05:00', [anonymousId('2')], '2024-01-01T00:00:00Z');
    const sameSeenLaterCreated = profile(
      'p-b',
      '2023-12-31T19:00:00Z',
      [anonymousId('3')],
      '2024-02-01T00:00:00Z',
    );
    const ids = [anonymousId('1'), anonymousId('2'), anonymousId('3')];
    expect(planIdentityResolution(ids, [unseen, sameSeenLaterCreated, seen])).toMatchObject({
      survivorId: 'p-z',
      absorbedIds: ['p-b', 'p-a'],
    });
    const twin = profile('p-y', seen.firstSeenAt, [anonymousId('4')], seen.createdAt);
    expect(planIdentityResolution([anonymousId('2'), anonymousId('4')], [seen, twin])).toMatchObject({
      survivorId: 'p-y',
    });
  });

  it('plans the same whatever order the candidates come in', () => {
    const instant = fc
      .integer({ min: 0, max: 5 })
      .map((day) => new Date(Date.UTC(2024, 0, 1 + day)).toISOString());
    const candidate = fc.record({
      firstSeenAt: fc.option(instant, { nil: null }),
      createdAt: instant,
      userIds: fc.subarray(['u-1', 'u-2']),
      emails: fc.subarray(['a@acme.com', 'b@acme.com', 'c@acme.com']),
    });
    const candidates = fc
      .array(candidate, { minLength: 1, maxLength: 5 })
      .map((drafts) =>
        drafts.map((draft, index) =>
          profile(
            `p-${index}`,
            draft.firstSeenAt,
            [anonymousId(`own-${index}`), ...draft.userIds.map(userId), ...draft.emails.map(email)],
            draft.createdAt,
          ),
        ),
      );
    const identifiers = fc.subarray([
      userId('u-1'),
      userId('u-3'),
      email('a@acme.com'),
      email('c@acme.com'),
      anonymousId('own-0'),
      anonymousId('own-3'),
    ]);
    fc.assert(
      fc.property(
        candidates.chain((loaded) => fc.tuple(fc.constant(loaded), permutationOf(loaded))),
        identifiers,
        ([loaded, shuffled], message) => {
          expect(planIdentityResolution(message, shuffled)).toEqual(planIdentityResolution(message, loaded));
        },
      ),
    );
  });
});
