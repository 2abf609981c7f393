// Property tests of the profile state: the guarantees that make merges safe (issue 3, item 5).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NormalizedMessage } from '../contracts/segment-message.ts';
import { canonicalJson } from './canonical-json.ts';
import { applyMessage, EMPTY_PROFILE_STATE, mergeProfileStates, traitValues } from './profile-state.ts';
import type { ProfileState, TraitStrategy } from './profile-state.ts';
import { TraitStrategySchema } from './trait-strategies.ts';
import { permutationOf } from './test-support.ts';

const TRAIT_KEYS = ['name', 'plan', 'score', 'tags', 'address', 'email'] as const;

// Few distinct instants, several spellings of the same one and sub-millisecond steps: ties are common.
const timestamp = fc.constantFrom(
  '2024-01-01T00:00:00Z',
  '2024-01-01T00:00:00.000+00:00',
  '2024-01-01T01:00:00+01:00',
  '2024-01-01T00:00:00.000001Z',
  '2024-01-01T00:00:00.000002Z',
  '2024-01-02T12:30:00.5Z',
  '2023-12-31T23:59:59.999999-05:00',
);
// A small pool, so different messages sometimes share an id (two sources, or a client bug).
const messageId = fc.constantFrom('m-a', 'm-b', 'm-c', 'm-d', 'm-e', 'm-f');

const traitValue = fc.oneof(
  fc.constantFrom('free', 'pro', 'Jane', ''),
  fc.integer({ min: -3, max: 100 }),
  fc.double({ min: -10, max: 10, noNaN: true, noDefaultInfinity: true }),
  fc.constant(null),
  fc.boolean(),
  fc.array(fc.constantFrom('vip', 'beta', 1, 2), { maxLength: 3 }),
  fc.record({ city: fc.constantFrom('Berlin', 'Paris'), zip: fc.option(fc.constantFrom('10115', '75001')) }),
);
const traits = fc.dictionary(fc.constantFrom(...TRAIT_KEYS), traitValue, { maxKeys: 4 });

const message: fc.Arbitrary<NormalizedMessage> = fc
  .oneof(
    fc.record({ type: fc.constant('identify' as const), traits, contextTraits: traits }),
    fc.record({ type: fc.constant('track' as const), traits: fc.constant({}), contextTraits: traits }),
    fc.record({ type: fc.constant('group' as const), traits, contextTraits: fc.constant({}) }),
    fc.record({
      type: fc.constant('page' as const),
      traits: fc.constant({}),
      contextTraits: fc.constant({}),
    }),
  )
  .chain((shape) =>
    fc.record({ messageId, timestamp }).map(({ messageId, timestamp }): NormalizedMessage => {
      const common = { messageId, timestamp, userId: 'u-1', context: { traits: shape.contextTraits } };
      switch (shape.type) {
        case 'identify':
          return { ...common, type: 'identify', traits: shape.traits };
        case 'group':
          return { ...common, type: 'group', groupId: 'acme', traits: shape.traits };
        case 'track':
          return { ...common, type: 'track', event: 'Clicked' };
        case 'page':
          return { ...common, type: 'page' };
      }
    }),
  );
const messages = fc.array(message, { maxLength: 12 });

const strategies: fc.Arbitrary<Record<string, TraitStrategy>> = fc.dictionary(
  fc.constantFrom(...TRAIT_KEYS),
  fc.constantFrom(...TraitStrategySchema.options),
);

function fold(list: NormalizedMessage[], by?: Record<string, TraitStrategy>): ProfileState {
  return list.reduce((state, next) => applyMessage(state, next, by), EMPTY_PROFILE_STATE);
}

/** Byte-for-byte comparison, stricter than deep equality: key order must match too. */
function same(a: ProfileState, b: ProfileState) {
  expect(JSON.stringify(a)).toBe(JSON.stringify(b));
}

describe('profile state properties', () => {
  it('folding any permutation of a message set gives the same state', () => {
    fc.assert(
      fc.property(
        messages.chain((list) => fc.tuple(fc.constant(list), permutationOf(list))),
        strategies,
        ([list, shuffled], by) => same(fold(shuffled, by), fold(list, by)),
      ),
      { numRuns: 300 },
    );
  });

  it('redelivering messages changes nothing', () => {
    fc.assert(
      fc.property(messages, strategies, (list, by) =>
        same(fold([...list, ...list.slice(0, 3)], by), fold(list, by)),
      ),
    );
  });

  it('merging is commutative and associative', () => {
    fc.assert(
      fc.property(messages, messages, messages, strategies, (x, y, z, by) => {
        const [a, b, c] = [fold(x, by), fold(y, by), fold(z, by)];
        same(mergeProfileStates(a, b, by), mergeProfileStates(b, a, by));
        same(
          mergeProfileStates(mergeProfileStates(a, b, by), c, by),
          mergeProfileStates(a, mergeProfileStates(b, c, by), by),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('folding into two profiles and merging them equals folding everything into one', () => {
    fc.assert(
      fc.property(messages, fc.array(fc.boolean(), { maxLength: 12 }), strategies, (list, sides, by) => {
        const left = list.filter((_, index) => sides[index] ?? false);
        const right = list.filter((_, index) => !(sides[index] ?? false));
        same(mergeProfileStates(fold(left, by), fold(right, by), by), fold(list, by));
      }),
      { numRuns: 300 },
    );
  });

  it('never sums numbers: a trait sent as 5 stays 5 after any folds and merges', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(messageId, timestamp, fc.boolean()), { minLength: 1, maxLength: 8 }),
        fc.constantFrom(...TraitStrategySchema.options),
        (sends, strategy) => {
          const by = { visits: strategy };
          const states = sends.map(([id, at]) =>
            fold(
              [{ type: 'identify', userId: 'u-1', messageId: id, timestamp: at, traits: { visits: 5 } }],
              by,
            ),
          );
          const left = states.filter((_, index) => sends[index]![2]);
          const right = states.filter((_, index) => !sends[index]![2]);
          const merge = (list: ProfileState[]) =>
            list.reduce((acc, next) => mergeProfileStates(acc, next, by), EMPTY_PROFILE_STATE);
          const merged = mergeProfileStates(merge(left), merge(right), by);
          expect(traitValues(merged).visits).toEqual(strategy === 'union' ? [5] : 5);
        },
      ),
    );
  });

  it('only ever keeps values that were sent (nothing invented, summed or wrapped)', () => {
    fc.assert(
      fc.property(messages, strategies, (list, by) => {
        const state = fold(list, by);
        const sent = new Map<string, Set<string>>();
        for (const item of list) {
          const traitsOf =
            item.type === 'identify'
              ? { ...(item.context?.traits as object), ...item.traits }
              : item.type === 'group' && item.traits && Object.keys(item.traits).length > 0
                ? { company: { ...item.traits, id: item.groupId } }
                : (item.context?.traits as object | undefined);
          for (const [key, value] of Object.entries(traitsOf ?? {})) {
            const values = sent.get(key) ?? new Set<string>();
            for (const element of by[key] === 'union' ? [value ?? []].flat() : [value]) {
              values.add(canonicalJson(element));
            }
            sent.set(key, values);
          }
        }
        for (const [key, value] of Object.entries(traitValues(state))) {
          const kept = by[key] === 'union' ? (value as unknown[]) : [value];
          for (const element of kept) expect(sent.get(key)).toContain(canonicalJson(element));
        }
        expect(Object.keys(state.traits).sort()).toEqual([...sent.keys()].sort());
      }),
    );
  });
});
