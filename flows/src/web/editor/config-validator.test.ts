import { describe, expect, it } from 'vitest';
import { fitsShape } from './config-validator.ts';

const root = {
  type: 'object',
  properties: {
    target: {
      anyOf: [
        {
          type: 'object',
          properties: { kind: { const: 'fixed' }, zone: { type: 'string' } },
          required: ['kind', 'zone'],
        },
        { type: 'object', properties: { kind: { const: 'profile' } }, required: ['kind'] },
      ],
    },
    group: { $ref: '#/definitions/group' },
  },
  definitions: {
    group: { type: 'object', properties: { match: { enum: ['all', 'any'] } }, required: ['match'] },
  },
};

describe('fitsShape', () => {
  it('picks the union option a value has the shape of', () => {
    const options = (root.properties.target as { anyOf: unknown[] }).anyOf;
    expect(options.map((option) => fitsShape(option, { kind: 'profile' }, root))).toEqual([false, true]);
    expect(options.map((option) => fitsShape(option, { kind: 'fixed', zone: 'Europe/Paris' }, root))).toEqual(
      [true, false],
    );
  });

  it('follows $ref and checks enums, types and required properties', () => {
    expect(fitsShape(root, { group: { match: 'any' } })).toBe(true);
    expect(fitsShape(root, { group: { match: 'some' } })).toBe(false);
    expect(fitsShape(root, { group: {} })).toBe(false);
    expect(fitsShape({ type: 'number' }, 3)).toBe(true);
    expect(fitsShape({ type: 'integer' }, 3.5)).toBe(false);
    expect(fitsShape({ type: ['string', 'null'] }, null)).toBe(true);
  });
});
