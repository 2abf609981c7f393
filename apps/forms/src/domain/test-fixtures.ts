import { FormDefinitionSchema, type FormDefinition, type FormDefinitionInput } from '../contracts/index.ts';

/** A parsed definition (defaults applied) from a literal, for tests. */
export function definition(input: Partial<FormDefinitionInput> = {}): FormDefinition {
  return FormDefinitionSchema.parse({ title: 'Test form', ...input });
}

/** The form most tests use: contact details, a choice with a jump, and a thank-you screen. */
export const contactForm = () =>
  definition({
    title: 'Contact',
    fields: [
      { id: 'welcome', kind: 'welcome_screen', title: 'Hi!' },
      { id: 'name', kind: 'short_text', title: 'Your name', required: true, max: 50 },
      { id: 'email', kind: 'email', title: 'E-mail', required: true },
      {
        id: 'topic',
        kind: 'single_choice',
        title: 'Topic',
        required: true,
        options: [
          { id: 'o1', label: 'Sales' },
          { id: 'o2', label: 'Support' },
        ],
      },
      { id: 'budget', kind: 'number', title: 'Budget', required: true, min: 0, max: 1_000_000 },
      { id: 'issue', kind: 'long_text', title: 'Describe the issue', required: true },
      { id: 'rating', kind: 'rating', title: 'How are we doing?', max: 5 },
      { id: 'thanks', kind: 'thank_you_screen', title: 'Thanks' },
    ],
    hiddenFields: [{ name: 'utm_source' }],
    logic: [
      {
        id: 'sales-skip-issue',
        fieldId: 'budget',
        conditions: [{ operator: 'is_not_empty' }],
        action: { type: 'jump', to: 'rating' },
      },
      {
        id: 'support-skip-budget',
        fieldId: 'topic',
        conditions: [{ operator: 'is', value: 'Support' }],
        action: { type: 'jump', to: 'issue' },
      },
    ],
  });
