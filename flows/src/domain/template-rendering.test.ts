import { describe, expect, it } from 'vitest';
import { renderTemplate, templatePaths } from './template-rendering.ts';

const scope = {
  profile: { id: 'p1', traits: { firstName: 'Ada', lastName: '', company: 'Smith & <Sons>' } },
  event: {
    event: 'Order Completed',
    properties: { plan: 'pro', items: [{ sku: 'A1' }], quote: 'say "hi"\n' },
  },
  steps: { ai: { label: 'sales' } },
};

describe('renderTemplate', () => {
  it('fills profile, event and step fields', () => {
    expect(
      renderTemplate(
        'Hi {{profile.traits.firstName}}, plan {{ event.properties.plan }}, {{steps.ai.label}}, {{event.properties.items.0.sku}}',
        scope,
      ),
    ).toBe('Hi Ada, plan pro, sales, A1');
  });

  it('uses the fallback for missing or empty values, else nothing', () => {
    expect(renderTemplate('Hi {{ profile.traits.nickname | default: "there" }}!', scope)).toBe('Hi there!');
    expect(renderTemplate("Hi {{profile.traits.lastName|default:'you'}}", scope)).toBe('Hi you');
    expect(renderTemplate('Hi {{ profile.traits.firstName | default: "there" }}', scope)).toBe('Hi Ada');
    expect(renderTemplate('[{{profile.traits.nothing}}]', scope)).toBe('[]');
    expect(renderTemplate('{{ x | default: "a \\"b\\"" }}', scope)).toBe('a "b"');
  });

  it('inserts objects as JSON and leaves other text alone', () => {
    expect(renderTemplate('{{event.properties.items}}', scope)).toBe('[{"sku":"A1"}]');
    expect(renderTemplate('{ not a placeholder } {{ }}', scope)).toBe('{ not a placeholder } {{ }}');
  });

  it('reads path parts with spaces (form answers by field title)', () => {
    const answers = { event: { properties: { answers: { 'Your name': 'Grace' } } } };
    expect(renderTemplate('Hi {{ event.properties.answers.Your name | default: "you" }}', answers)).toBe(
      'Hi Grace',
    );
  });

  it('escapes inserted values for HTML, keeping the template markup', () => {
    expect(renderTemplate('<p>{{profile.traits.company}}</p>', scope, { escape: 'html' })).toBe(
      '<p>Smith &amp; &lt;Sons&gt;</p>',
    );
    expect(renderTemplate('<p>{{x | default: "<b>"}}</p>', scope, { escape: 'html' })).toBe(
      '<p>&lt;b&gt;</p>',
    );
  });

  it('escapes inserted values as JSON string content', () => {
    const text = renderTemplate('{"q": "{{event.properties.quote}}"}', scope, { escape: 'json' });
    expect(JSON.parse(text)).toEqual({ q: 'say "hi"\n' });
  });

  it('does not evaluate code or reach prototypes', () => {
    expect(renderTemplate('{{profile.constructor.name}}{{__proto__}}', scope)).toBe('');
  });

  it('lists the paths it reads', () => {
    expect(templatePaths('{{a.b}} and {{ c | default: "d" }}')).toEqual(['a.b', 'c']);
  });
});
