import { describe, expect, it } from 'vitest';
import type { NormalizedMessage } from '../contracts/segment-message.ts';
import { applyMessage, EMPTY_PROFILE_STATE, mergeProfileStates, traitValues } from './profile-state.ts';
import type { TraitStrategy } from './profile-state.ts';
import { normalizedMessage } from './test-support.ts';

function identify(traits: Record<string, unknown>, timestamp: string, messageId: string) {
  return normalizedMessage({ type: 'identify', userId: 'u-1', traits }, { timestamp, messageId });
}

function fold(messages: NormalizedMessage[], strategies?: Record<string, TraitStrategy>) {
  return messages.reduce((state, message) => applyMessage(state, message, strategies), EMPTY_PROFILE_STATE);
}

const monday = '2024-01-01T09:00:00Z';
const tuesday = '2024-01-02T09:00:00Z';
const wednesday = '2024-01-03T09:00:00Z';

describe('applyMessage', () => {
  it('keeps the value of the latest event, not the latest arrival', () => {
    const newer = identify({ plan: 'enterprise' }, tuesday, 'm-2');
    const older = identify({ plan: 'free' }, monday, 'm-1'); // a retried message arriving late
    expect(traitValues(fold([newer, older]))).toEqual({ plan: 'enterprise' });
  });

  it('breaks a timestamp tie by messageId, whatever the arrival order', () => {
    const a = identify({ plan: 'a' }, monday, 'm-a');
    const b = identify({ plan: 'b' }, '2024-01-01T10:00:00+01:00', 'm-b'); // the same instant
    expect(traitValues(fold([a, b]))).toEqual({ plan: 'b' });
    expect(traitValues(fold([b, a]))).toEqual({ plan: 'b' });
  });

  it('treats null as a value and a missing key as no change', () => {
    const set = identify({ phone: '+14155552671', company: 'Acme' }, monday, 'm-1');
    const cleared = identify({ phone: null }, tuesday, 'm-2');
    expect(traitValues(fold([set, cleared]))).toEqual({ phone: null, company: 'Acme' });
  });

  it('replaces nested objects whole instead of mixing two addresses', () => {
    const home = identify({ address: { street: '1 Main St', city: 'Springfield' } }, monday, 'm-1');
    const moved = identify({ address: { city: 'Shelbyville' } }, tuesday, 'm-2');
    expect(traitValues(fold([moved, home]))).toEqual({ address: { city: 'Shelbyville' } });
  });

  it('reads context.traits of any call, with the call’s own traits winning inside one message', () => {
    const message = normalizedMessage(
      {
        type: 'identify',
        userId: 'u-1',
        traits: { name: 'Jane Doe' },
        context: { traits: { name: 'Jane', locale: 'de-DE' } },
      },
      { timestamp: monday, messageId: 'm-1' },
    );
    const tracked = normalizedMessage(
      { type: 'track', userId: 'u-1', event: 'Order Completed', context: { traits: { tier: 'gold' } } },
      { timestamp: tuesday, messageId: 'm-2' },
    );
    expect(traitValues(fold([message, tracked]))).toEqual({
      name: 'Jane Doe',
      locale: 'de-DE',
      tier: 'gold',
    });
  });

  it("keeps group traits under `company`, never over the person's own", () => {
    const person = identify({ name: 'Jane', email: 'jane@acme.com' }, monday, 'm-1');
    const group = normalizedMessage(
      { type: 'group', userId: 'u-1', groupId: 'acme', traits: { name: 'Acme', plan: 'pro' } },
      { timestamp: tuesday, messageId: 'm-2' },
    );
    const membershipOnly = normalizedMessage(
      { type: 'group', userId: 'u-1', groupId: 'acme' },
      { timestamp: wednesday, messageId: 'm-3' },
    );
    expect(traitValues(fold([person, group, membershipOnly]))).toEqual({
      name: 'Jane',
      email: 'jane@acme.com',
      company: { id: 'acme', name: 'Acme', plan: 'pro' },
    });
  });

  it('keeps e-mail and phone as traits, exactly as sent', () => {
    const message = identify({ email: ' Jane@Acme.com ', phone: '(415) 555-2671' }, monday, 'm-1');
    expect(traitValues(fold([message]))).toEqual({ email: ' Jane@Acme.com ', phone: '(415) 555-2671' });
  });

  it('records first and last seen from event times of every call type, and counts nothing', () => {
    const page = normalizedMessage(
      { type: 'page', anonymousId: 'a-1', name: 'Pricing' },
      { timestamp: tuesday, messageId: 'm-2' },
    );
    const state = fold([page, identify({}, wednesday, 'm-3'), identify({}, monday, 'm-1')]);
    expect(state).toEqual({ traits: {}, firstSeenAt: monday, lastSeenAt: wednesday });
  });

  it('does not touch the state it is given', () => {
    const before = fold([identify({ plan: 'free' }, monday, 'm-1')]);
    const snapshot = structuredClone(before);
    applyMessage(before, identify({ plan: 'pro' }, tuesday, 'm-2'));
    expect(before).toEqual(snapshot);
    expect(EMPTY_PROFILE_STATE).toEqual({ traits: {}, firstSeenAt: null, lastSeenAt: null });
  });

  it('stores a trait named __proto__ as a trait', () => {
    const message = identify({}, monday, 'm-1');
    if (message.type === 'identify') message.traits = JSON.parse('{"__proto__": "x", "plan": "pro"}');
    const values = traitValues(fold([message]));
    expect(Object.hasOwn(values, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
  });
});

describe('trait strategies', () => {
  const messages = [
    identify({ score: 40, signup: 'web', tags: ['vip'] }, tuesday, 'm-2'),
    identify({ score: 75, signup: 'app', tags: 'beta' }, wednesday, 'm-3'),
    identify({ score: 12, signup: 'shop', tags: ['vip', 'churn-risk'] }, monday, 'm-1'),
  ];

  it("'first' keeps the earliest event's value", () => {
    expect(traitValues(fold(messages, { signup: 'first' })).signup).toBe('shop');
  });

  it("'min' and 'max' compare numbers", () => {
    expect(traitValues(fold(messages, { score: 'min' })).score).toBe(12);
    expect(traitValues(fold(messages, { score: 'max' })).score).toBe(75);
  });

  it("'min' and 'max' prefer numbers and fall back to 'latest' between non-numbers", () => {
    const mixed = [
      identify({ score: 'n/a' }, wednesday, 'm-3'),
      identify({ score: 40 }, monday, 'm-1'),
      identify({ score: 'pending' }, tuesday, 'm-2'),
    ];
    expect(traitValues(fold(mixed, { score: 'max' })).score).toBe(40);
    const words = mixed.filter((message) => message.messageId !== 'm-1');
    expect(traitValues(fold(words, { score: 'max' })).score).toBe('n/a');
  });

  it("'union' collects values into a sorted set, scalars included", () => {
    const state = fold(messages, { tags: 'union' });
    expect(traitValues(state).tags).toEqual(['beta', 'churn-risk', 'vip']);
    expect(state.traits.tags).toMatchObject({ at: wednesday, messageId: 'm-3' });
  });

  it("'union' dedupes objects by deep equality", () => {
    const a = identify({ roles: [{ team: 'x', role: 'admin' }] }, monday, 'm-1');
    const b = identify(
      {
        roles: [
          { role: 'admin', team: 'x' },
          { team: 'y', role: 'viewer' },
        ],
      },
      tuesday,
      'm-2',
    );
    expect(traitValues(fold([a, b], { roles: 'union' })).roles).toEqual([
      { role: 'admin', team: 'x' },
      { role: 'viewer', team: 'y' },
    ]);
  });

  it("'latest' never turns a string into an array", () => {
    const state = fold([identify({ tags: 'a' }, monday, 'm-1'), identify({ tags: ['b'] }, tuesday, 'm-2')]);
    expect(
      traitValues(mergeProfileStates(state, fold([identify({ tags: 'c' }, monday, 'm-0')]))).tags,
    ).toEqual(['b']);
  });
});

describe('mergeProfileStates', () => {
  it('keeps traits only one side has and resolves the rest', () => {
    const customer = fold([identify({ email: 'jane@acme.com', plan: 'pro' }, monday, 'm-1')]);
    const visitor = fold([identify({ plan: 'trial', utm: 'ads' }, tuesday, 'm-2')]);
    const merged = mergeProfileStates(customer, visitor);
    expect(traitValues(merged)).toEqual({ email: 'jane@acme.com', plan: 'trial', utm: 'ads' });
    expect(merged).toMatchObject({ firstSeenAt: monday, lastSeenAt: tuesday });
  });

  it('merging with the empty state changes nothing', () => {
    const state = fold([identify({ plan: 'pro' }, monday, 'm-1')]);
    expect(mergeProfileStates(state, EMPTY_PROFILE_STATE)).toEqual(state);
    expect(mergeProfileStates(EMPTY_PROFILE_STATE, state)).toEqual(state);
  });
});
