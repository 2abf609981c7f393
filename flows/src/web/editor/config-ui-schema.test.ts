import { describe, expect, it } from 'vitest';
import { configJsonSchemaOf } from '../../domain/node-registry.ts';
import { configUiSchemaOf } from './config-ui-schema.ts';

describe('configUiSchemaOf', () => {
  it('makes long texts text areas and leaves short ones as inputs', () => {
    const ui = configUiSchemaOf(configJsonSchemaOf('action.sendEmail')!);
    expect(ui.text).toMatchObject({ 'ui:widget': 'textarea' });
    expect(ui.subject).toBeUndefined();
  });

  it('drops the per-item label of lists of plain values and keeps lists in place, nested ones too', () => {
    const ui = configUiSchemaOf({
      type: 'object',
      properties: {
        addTags: { type: 'array', items: { type: 'string' } },
        condition: { $ref: '#/definitions/group' },
      },
      definitions: {
        group: {
          type: 'object',
          properties: {
            rules: {
              type: 'array',
              items: { type: 'object', properties: { values: { type: 'array', items: { type: 'string' } } } },
            },
          },
        },
      },
    });
    expect(ui.addTags).toEqual({ 'ui:options': { orderable: false }, items: { 'ui:label': false } });
    expect(ui.condition).toEqual({
      rules: {
        'ui:options': { orderable: false },
        items: { values: { 'ui:options': { orderable: false }, items: { 'ui:label': false } } },
      },
    });
  });
});
