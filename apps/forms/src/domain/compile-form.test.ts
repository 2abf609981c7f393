import { describe, expect, it } from 'vitest';
import { FIELD_KINDS } from '../contracts/index.ts';
import { compileForm, dataUrlMaxLength } from './compile-form.ts';
import { contactForm, definition } from './test-fixtures.ts';

describe('compileForm', () => {
  it('compiles answerable fields to properties in order, with required, titles and widgets', () => {
    const { jsonSchema, uiSchema, hiddenFieldsSchema } = compileForm(contactForm());
    expect(Object.keys(jsonSchema.properties as object)).toEqual([
      'name',
      'email',
      'topic',
      'budget',
      'issue',
      'rating',
    ]);
    expect(jsonSchema).toMatchObject({
      type: 'object',
      title: 'Contact',
      required: ['name', 'email', 'topic', 'budget', 'issue'],
      additionalProperties: false,
      properties: {
        name: { type: 'string', title: 'Your name', minLength: 1, maxLength: 50 },
        email: { type: 'string', format: 'email' },
        topic: { type: 'string', enum: ['Sales', 'Support'] },
        budget: { type: 'number', minimum: 0, maximum: 1_000_000 },
        issue: { type: 'string', minLength: 1, maxLength: 10_000 },
        rating: { type: 'integer', minimum: 1, maximum: 5 },
      },
    });
    expect(uiSchema['ui:order']).toEqual(['name', 'email', 'topic', 'budget', 'issue', 'rating']);
    expect(uiSchema.topic).toEqual({ 'ui:widget': 'radio', 'ui:options': { kind: 'single_choice' } });
    expect(uiSchema.issue).toMatchObject({ 'ui:widget': 'textarea' });
    expect(uiSchema.rating).toMatchObject({ 'ui:widget': 'rating', 'ui:options': { max: 5, shape: 'star' } });
    expect(hiddenFieldsSchema).toEqual({
      type: 'object',
      properties: { utm_source: { type: 'string', maxLength: 2000 } },
      additionalProperties: false,
    });
  });

  it('maps every kind', () => {
    const options = [
      { id: 'a', label: 'A' },
      { id: 'b', label: 'B' },
    ];
    const form = definition({
      fields: [
        { id: 'num', kind: 'number', title: 'N', integer: true },
        { id: 'url', kind: 'url', title: 'U', placeholder: 'https://' },
        { id: 'tel', kind: 'phone', title: 'P', defaultCountry: 'GB' },
        { id: 'yn', kind: 'yes_no', title: 'Y' },
        { id: 'other', kind: 'single_choice', title: 'O', options, allowOther: true },
        { id: 'multi', kind: 'multiple_choice', title: 'M', options, required: true, max: 2 },
        { id: 'multiOther', kind: 'multiple_choice', title: 'MO', options, allowOther: true },
        { id: 'drop', kind: 'dropdown', title: 'D', options },
        { id: 'day', kind: 'date', title: 'Day' },
        { id: 'when', kind: 'date', title: 'When', includeTime: true },
        { id: 'scale', kind: 'opinion_scale', title: 'S', min: 1, max: 7, minLabel: 'bad' },
        { id: 'file', kind: 'file_upload', title: 'F', maxSizeKb: 10, accept: 'image/*' },
        { id: 'terms', kind: 'legal_consent', title: 'T', required: true },
        { id: 'optin', kind: 'legal_consent', title: 'Opt in' },
        { id: 'note', kind: 'statement', title: 'Note', description: 'Read me' },
      ],
    });
    const { jsonSchema, uiSchema } = compileForm(form);
    const properties = jsonSchema.properties as Record<string, Record<string, unknown>>;
    expect(properties.num).toMatchObject({ type: 'integer' });
    expect(properties.url).toMatchObject({ type: 'string', format: 'uri' });
    expect(properties.tel).toMatchObject({ type: 'string', pattern: expect.any(String) });
    expect(properties.yn).toMatchObject({ type: 'boolean' });
    expect(properties.other).toMatchObject({ type: 'string', minLength: 1 });
    expect(properties.other).not.toHaveProperty('enum');
    expect(properties.multi).toMatchObject({
      type: 'array',
      items: { type: 'string', enum: ['A', 'B'] },
      uniqueItems: true,
      minItems: 1,
      maxItems: 2,
    });
    expect(properties.multiOther).toMatchObject({ type: 'array', items: { type: 'string', minLength: 1 } });
    expect(properties.drop).toMatchObject({ enum: ['A', 'B'] });
    expect(properties.day).toMatchObject({ format: 'date' });
    expect(properties.when).toMatchObject({ format: 'date-time' });
    expect(properties.scale).toMatchObject({ type: 'integer', minimum: 1, maximum: 7 });
    expect(properties.file).toMatchObject({ format: 'data-url', maxLength: dataUrlMaxLength(10) });
    expect(properties.terms).toMatchObject({ type: 'boolean', const: true });
    expect(properties.optin).toEqual({ type: 'boolean', title: 'Opt in' });
    expect(properties.note).toEqual({ type: 'null', title: 'Note', description: 'Read me' });
    expect(jsonSchema.required).toEqual(['multi', 'terms']);
    expect(uiSchema.url).toMatchObject({ 'ui:widget': 'uri', 'ui:placeholder': 'https://' });
    expect(uiSchema.tel).toMatchObject({ 'ui:widget': 'phone', 'ui:options': { defaultCountry: 'GB' } });
    expect(uiSchema.other).toMatchObject({
      'ui:widget': 'choiceWithOther',
      'ui:options': { choices: ['A', 'B'] },
    });
    expect(uiSchema.multi).toMatchObject({ 'ui:widget': 'checkboxes' });
    expect(uiSchema.multiOther).toMatchObject({ 'ui:widget': 'checkboxesWithOther' });
    expect(uiSchema.scale).toMatchObject({
      'ui:widget': 'opinionScale',
      'ui:options': { min: 1, max: 7, minLabel: 'bad' },
    });
    expect(uiSchema.file).toMatchObject({
      'ui:widget': 'file',
      'ui:options': { accept: 'image/*', maxSizeKb: 10 },
    });
    expect(uiSchema.note).toMatchObject({ 'ui:widget': 'statement' });
  });

  it('leaves welcome and thank-you screens out of the schema', () => {
    const { jsonSchema, uiSchema } = compileForm(contactForm());
    expect(jsonSchema.properties).not.toHaveProperty('welcome');
    expect(jsonSchema.properties).not.toHaveProperty('thanks');
    expect(uiSchema).not.toHaveProperty('thanks');
  });

  it('is deterministic and covers every field kind without throwing', () => {
    expect(FIELD_KINDS).toHaveLength(18);
    expect(compileForm(contactForm())).toEqual(compileForm(contactForm()));
  });
});
