import { getDefaultFormState } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { describe, expect, it } from 'vitest';
import { NODE_TYPES, configJsonSchemaOf, nodeTypeOf, outputsOf } from './node-registry.ts';
import { node } from './test-fixtures.ts';

const ICONS = [
  'customers',
  'crm',
  'helpdesk',
  'scheduling',
  'forms',
  'social',
  'automations',
  'ops',
  'mailbox',
];

describe('node registry', () => {
  it('lists each node type once, with a known category, icon and colour', () => {
    const types = NODE_TYPES.map((definition) => definition.type);
    expect(new Set(types).size).toBe(types.length);
    for (const definition of NODE_TYPES) {
      expect(definition.type.startsWith(`${definition.category}.`)).toBe(true);
      expect(ICONS).toContain(definition.icon);
      expect(definition.color).toMatch(/^#[0-9a-f]{6}$/);
      expect(definition.label.length).toBeGreaterThan(0);
      expect(nodeTypeOf(definition.type)).toBe(definition);
      if (definition.category === 'trigger') expect(definition.matches).toBeTypeOf('function');
      else expect(definition.execute).toBeTypeOf('function');
    }
  });

  it('has the node types of the public contract and none of the modules that have not landed', () => {
    const types = NODE_TYPES.map((definition) => definition.type);
    for (const type of [
      'trigger.event',
      'logic.condition',
      'logic.waitDuration',
      'logic.exit',
      'action.sendEmail',
    ]) {
      expect(types).toContain(type);
    }
    expect(NODE_TYPES.flatMap((definition) => definition.requires ?? [])).not.toContain('helpdesk');
    expect(nodeTypeOf('action.createTicket')).toBeUndefined();
  });

  for (const definition of NODE_TYPES) {
    it(`${definition.type}: the default config passes its schema and its JSON Schema`, () => {
      const parsed = definition.configSchema.safeParse(definition.defaultConfig);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      const schema = configJsonSchemaOf(definition.type)!;
      expect(schema.type).toBe('object');
      expect(schema.$schema).toBeUndefined();
      // One plain form per node: no schema choices or references for the generated form to resolve.
      expect(JSON.stringify(schema)).not.toMatch(/anyOf|oneOf|allOf|\$ref/);
      const validation = validator.validateFormData(definition.defaultConfig, schema);
      expect(validation.errors).toEqual([]);
      // What the side panel's form holds once @rjsf fills in its defaults is still a valid config.
      const formState = getDefaultFormState(validator, schema, structuredClone(definition.defaultConfig));
      expect(definition.configSchema.safeParse(formState).success).toBe(true);
    });

    it(`${definition.type}: actions have an error output, every output id is unique`, () => {
      const outputs = outputsOf(node('n', definition.type, definition.defaultConfig));
      expect(new Set(outputs.map((output) => output.id)).size).toBe(outputs.length);
      if (definition.category === 'action') {
        expect(outputs).toContainEqual({ id: 'error', label: 'Error', kind: 'error' });
        expect(definition.retry?.maxAttempts).toBeGreaterThan(1);
      }
    });
  }

  it('gives every field a readable title', () => {
    const schema = configJsonSchemaOf('logic.waitUntil') as { properties: Record<string, { title: string }> };
    expect(schema.properties.zoneSource?.title).toBe('Zone source');
    const webhook = configJsonSchemaOf('action.webhook') as {
      properties: { responseMapping: { items: { properties: Record<string, { title: string }> } } };
    };
    expect(webhook.properties.responseMapping.items.properties.output?.title).toBe('Output');
  });

  it('the JSON Schema rejects what the zod schema rejects', () => {
    const schema = configJsonSchemaOf('logic.waitDuration')!;
    expect(validator.isValid(schema, { amount: 0, unit: 'days' }, schema)).toBe(false);
    expect(validator.isValid(schema, { amount: 2, unit: 'days' }, schema)).toBe(true);
  });

  it('gives an invalid node its handles from what it can read, and an unknown type none', () => {
    expect(
      outputsOf(node('c', 'logic.condition', { condition: 'nonsense' })).map((output) => output.id),
    ).toEqual(['true', 'false']);
    expect(outputsOf(node('x', 'nope.nothing'))).toEqual([]);
    expect(configJsonSchemaOf('nope.nothing')).toBeUndefined();
  });
});
