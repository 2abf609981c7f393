import { z } from 'zod';
import { optionalIdSchema, sameId } from '../optional-id.ts';
import { CATEGORY_COLORS, NEXT_HANDLE, defineNodeType } from '../node-definition.ts';

/** The CDP event Forms sends per accepted submission (`apps/forms/src/events.ts`), `properties.formId`. */
export const FORM_SUBMITTED_EVENT = 'Form Submitted';

export const TriggerFormSubmittedConfigSchema = z.object({
  formId: optionalIdSchema('The form (empty: any form)'),
});
export type TriggerFormSubmittedConfig = z.infer<typeof TriggerFormSubmittedConfigSchema>;

export const triggerFormSubmittedNode = defineNodeType<TriggerFormSubmittedConfig>({
  type: 'trigger.formSubmitted',
  category: 'trigger',
  label: 'Form submitted',
  description: 'Starts when someone submits a form. Answers are in event.properties.answers.',
  icon: 'forms',
  color: CATEGORY_COLORS.trigger,
  configSchema: TriggerFormSubmittedConfigSchema,
  defaultConfig: { formId: '' },
  outputs: () => [NEXT_HANDLE],
  matches: (config, event) =>
    event.event === FORM_SUBMITTED_EVENT &&
    (config.formId === '' || sameId(event.properties.formId, config.formId)),
  execute: async (context) => ({
    kind: 'continue',
    handle: NEXT_HANDLE.id,
    output: context.trigger.properties,
  }),
});
