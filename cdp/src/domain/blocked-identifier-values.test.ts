import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_BLOCKED_PATTERNS,
  blockReasonOf,
  isBlockedIdentifier,
  withoutBlockedIdentifiers,
  WorkspaceBlockedEntrySchema,
  workspaceBlockedSet,
} from './blocked-identifier-values.ts';
import type { Identifier } from './identifiers.ts';

const none: ReadonlySet<string> = new Set();
const anonymous = (value: string): Identifier => ({ type: 'anonymous_id', value });

describe('isBlockedIdentifier', () => {
  it('blocks the examples the built-in patterns are described with, whatever their case', () => {
    for (const { examples } of BUILT_IN_BLOCKED_PATTERNS) {
      for (const example of examples) {
        expect(isBlockedIdentifier({ type: 'email', value: example.toUpperCase() }, none), example).toBe(
          true,
        );
      }
    }
  });

  it('blocks the placeholders SDKs and templates leave in id fields', () => {
    const placeholders = [
      '',
      '0',
      '-1',
      'null',
      'undefined',
      'nil',
      'none',
      'NaN',
      'anonymous',
      'unknown',
      '[object Object]',
      'test',
      'guest',
      'user',
      'abc123',
      'void',
      'true',
      '{{user.id}}',
      '${userId}',
      '%USER_ID%',
      '111111',
      '9774d56d682e549c',
    ];
    for (const value of placeholders) expect(isBlockedIdentifier(anonymous(value), none), value).toBe(true);
  });

  it('compares case-insensitively and ignores surrounding spaces', () => {
    for (const value of ['NULL', 'Undefined', ' Anonymous ', 'GUEST', 'ABC123', 'None']) {
      expect(isBlockedIdentifier(anonymous(value), none), value).toBe(true);
    }
  });

  it('blocks all-zero UUIDs and other runs of zeros and dashes', () => {
    for (const value of ['00000000-0000-0000-0000-000000000000', '000000000000', '0000', '--']) {
      expect(isBlockedIdentifier({ type: 'user_id', value }, none), value).toBe(true);
    }
  });

  it('blocks placeholder and reserved e-mail addresses', () => {
    for (const value of [
      'test@test.com',
      'test@acme.com',
      'noreply@acme.com',
      'no-reply@acme.com',
      'donotreply@acme.com',
      'jane@example.com',
      'jane@shop.test',
      'user@domain.com',
    ]) {
      expect(isBlockedIdentifier({ type: 'email', value }, none), value).toBe(true);
    }
  });

  it('lets real ids through', () => {
    const real: Identifier[] = [
      anonymous('6f1c2a8e-0b7d-4c6e-9a51-3f2d8b7c1e90'),
      { type: 'user_id', value: '1' },
      { type: 'user_id', value: '1000' },
      { type: 'user_id', value: 'user-42' },
      { type: 'email', value: 'jane@acme.com' },
      { type: 'email', value: 'tester@acme.com' },
      { type: 'phone', value: '+14155552671' },
      { type: 'external_id', value: 'hubspot_id:99' },
      { type: 'group_id', value: 'acme' },
    ];
    for (const identifier of real)
      expect(isBlockedIdentifier(identifier, none), identifier.value).toBe(false);
  });

  it('checks the id part of an external id', () => {
    expect(isBlockedIdentifier({ type: 'external_id', value: 'crm_contact_id:null' }, none)).toBe(true);
    expect(isBlockedIdentifier({ type: 'external_id', value: 'crm_contact_id:0' }, none)).toBe(true);
  });

  it("adds the workspace's entries, per type or for any type", () => {
    const blocked = workspaceBlockedSet(['anonymous_id:KIOSK-1', '*:Demo-Device', 'email:Bot@Acme.com']);
    expect(isBlockedIdentifier(anonymous('kiosk-1'), blocked)).toBe(true);
    expect(isBlockedIdentifier({ type: 'user_id', value: 'kiosk-1' }, blocked)).toBe(false);
    expect(isBlockedIdentifier({ type: 'user_id', value: 'DEMO-DEVICE' }, blocked)).toBe(true);
    expect(isBlockedIdentifier(anonymous('demo-device'), blocked)).toBe(true);
    expect(isBlockedIdentifier({ type: 'email', value: 'bot@acme.com' }, blocked)).toBe(true);
    expect(isBlockedIdentifier({ type: 'external_id', value: 'pos:demo-device' }, blocked)).toBe(true);
  });
});

describe('workspace block-list entries', () => {
  it('accept "<type>:<value>" and "*:<value>", lower-cased', () => {
    expect(WorkspaceBlockedEntrySchema.parse(' User_ID:ABC ')).toBe('user_id:abc');
    expect(WorkspaceBlockedEntrySchema.parse('*:x')).toBe('*:x');
    expect(WorkspaceBlockedEntrySchema.parse('external_id:crm:7')).toBe('external_id:crm:7');
  });

  it('reject entries without a known type', () => {
    for (const entry of ['abc', ':abc', 'device:abc', '']) {
      expect(WorkspaceBlockedEntrySchema.safeParse(entry).success, entry).toBe(false);
    }
  });
});

describe('withoutBlockedIdentifiers', () => {
  it('keeps the usable identifiers in order', () => {
    const identifiers: Identifier[] = [
      { type: 'user_id', value: 'u-1' },
      anonymous('undefined'),
      { type: 'email', value: 'jane@acme.com' },
    ];
    expect(withoutBlockedIdentifiers(identifiers, none)).toEqual([identifiers[0], identifiers[2]]);
  });
});

describe('blockReasonOf', () => {
  it('names the rule that blocks a value: a built-in value, a built-in pattern, or the workspace entry', () => {
    const workspace = workspaceBlockedSet(['email:desk@acme.io', '*:kiosk-7']);
    expect(blockReasonOf({ type: 'user_id', value: ' NULL ' }, workspace)).toEqual({
      kind: 'built-in value',
      value: 'null',
    });
    expect(blockReasonOf({ type: 'email', value: 'ada@example.com' }, workspace)).toEqual({
      kind: 'built-in pattern',
      description: expect.stringContaining('RFC 2606'),
    });
    expect(blockReasonOf({ type: 'email', value: 'Desk@Acme.io' }, workspace)).toEqual({
      kind: 'workspace',
      entry: 'email:desk@acme.io',
    });
    expect(blockReasonOf({ type: 'anonymous_id', value: 'kiosk-7' }, workspace)).toEqual({
      kind: 'workspace',
      entry: '*:kiosk-7',
    });
    expect(blockReasonOf({ type: 'external_id', value: 'crm:undefined' }, workspace)).toEqual({
      kind: 'built-in value',
      value: 'undefined',
    });
    expect(blockReasonOf({ type: 'phone', value: 'desk@acme.io' }, workspace)).toBeUndefined();
    expect(blockReasonOf({ type: 'email', value: 'ada@analytical.io' }, workspace)).toBeUndefined();
  });
});
