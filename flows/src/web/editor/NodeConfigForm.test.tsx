import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { configJsonSchemaOf } from '../../domain/node-registry.ts';
import { NodeConfigForm } from './NodeConfigForm.tsx';

const inputsOf = (html: string) => [...html.matchAll(/<input[^>]*>/g)].map(([input]) => input);

describe('node config form', () => {
  it('shows a rule value of any scalar type as one text field, whatever the API saved', () => {
    const config = {
      condition: {
        match: 'all',
        rules: [
          { path: 'event.properties.total', operator: 'gt', value: 100 },
          { path: 'event.properties.active', operator: 'equals', value: true },
          { path: 'event.properties.plan', operator: 'equals', value: 'pro' },
        ],
        groups: [],
      },
    };
    const html = renderToStaticMarkup(
      <NodeConfigForm
        nodeId="check"
        type="logic.condition"
        config={config}
        problems={[]}
        disabled={false}
        onChange={() => undefined}
      />,
    );
    const values = inputsOf(html).filter((input) => /id="[^"]*rules_\d+_value"/.test(input));
    expect(values).toHaveLength(3);
    for (const input of values) expect(input).toContain('type="text"');
    expect(values.map((input) => /value="([^"]*)"/.exec(input)?.[1])).toEqual(['100', 'true', 'pro']);
  });

  it('gives the form a plain string schema for rule values', () => {
    const schema = configJsonSchemaOf('logic.switch') as {
      properties: { cases: { items: { properties: { condition: { properties: { rules: unknown } } } } } };
    };
    const rules = schema.properties.cases.items.properties.condition.properties.rules as {
      items: { properties: Record<string, unknown> };
    };
    expect(rules.items.properties.value).toEqual({ type: 'string', maxLength: 1000, title: 'Value' });
    expect(rules.items.properties.values).toMatchObject({ items: { type: 'string', maxLength: 1000 } });
  });
});
