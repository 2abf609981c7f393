import { describe, expect, it } from 'vitest';
import { suppressibleIdentifiers, suppressionSubject } from './suppressible-identifiers.ts';

describe('suppressibleIdentifiers', () => {
  it("keeps the person's identifiers and leaves out group ids, placeholders and repeats", () => {
    expect(
      suppressibleIdentifiers([
        { type: 'user_id', value: 'u-1' },
        { type: 'email', value: 'ann@acme.io' },
        { type: 'anonymous_id', value: 'anonymous' },
        { type: 'group_id', value: 'acme' },
        { type: 'email', value: 'ann@acme.io' },
        { type: 'external_id', value: 'crm:42' },
      ]),
    ).toEqual([
      { type: 'user_id', value: 'u-1' },
      { type: 'email', value: 'ann@acme.io' },
      { type: 'external_id', value: 'crm:42' },
    ]);
  });
});

describe('suppressionSubject', () => {
  it('differs per workspace and per type, and cannot be spelled two ways', () => {
    const tenant = '7f1c5a36-5c38-4f8e-9a39-2b7b0c2b9f10';
    const other = '0b0f8d3e-2a3f-4c55-8f3c-3d6e8a7e9b21';
    const a = suppressionSubject(tenant, { type: 'user_id', value: 'x' });
    expect(a).not.toBe(suppressionSubject(other, { type: 'user_id', value: 'x' }));
    expect(a).not.toBe(suppressionSubject(tenant, { type: 'anonymous_id', value: 'x' }));
    expect(a).toBe(suppressionSubject(tenant.toUpperCase(), { type: 'user_id', value: 'x' }));
  });
});
