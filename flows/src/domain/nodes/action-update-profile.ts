import { z } from 'zod';
import { scopeOf } from '../evaluation-scope.ts';
import { ACTION_OUTPUTS, CATEGORY_COLORS, NEXT_HANDLE, defineNodeType } from '../node-definition.ts';
import { PermanentNodeError } from '../node-errors.ts';
import { DEFAULT_ACTION_RETRY } from '../retry-backoff.ts';
import { renderTemplate } from '../template-rendering.ts';

const TagSchema = z.string().trim().min(1).max(100);

export const ActionUpdateProfileConfigSchema = z
  .object({
    traits: z
      .array(
        z.object({
          name: z.string().trim().min(1).max(200),
          value: z.string().max(10_000).describe('Text or a template such as {{event.properties.plan}}'),
          type: z.enum(['text', 'number', 'boolean']).default('text'),
        }),
      )
      .max(50)
      .default([]),
    addTags: z.array(TagSchema).max(50).default([]),
    removeTags: z.array(TagSchema).max(50).default([]),
  })
  .refine((config) => config.traits.length + config.addTags.length + config.removeTags.length > 0, {
    message: 'Set a trait or add or remove a tag',
  });
export type ActionUpdateProfileConfig = z.infer<typeof ActionUpdateProfileConfigSchema>;

function typedValue(text: string, type: 'text' | 'number' | 'boolean'): unknown {
  if (type === 'text') return text;
  if (type === 'boolean') return ['true', 'yes', '1'].includes(text.trim().toLowerCase());
  const number = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(number))
    throw new PermanentNodeError(`"${text}" is not a number.`);
  return number;
}

export const actionUpdateProfileNode = defineNodeType<ActionUpdateProfileConfig>({
  type: 'action.updateProfile',
  category: 'action',
  label: 'Update profile',
  description: "Sets traits and adds or removes tags on the run's profile (through the CDP).",
  icon: 'customers',
  color: CATEGORY_COLORS.action,
  configSchema: ActionUpdateProfileConfigSchema,
  defaultConfig: { traits: [], addTags: ['lead'], removeTags: [] },
  outputs: () => ACTION_OUTPUTS,
  requires: ['profiles'],
  retry: DEFAULT_ACTION_RETRY,
  execute: async (context) => {
    if (context.run.profileId === null) throw new PermanentNodeError('This run has no profile to update.');
    const scope = scopeOf(context);
    const set = Object.fromEntries(
      context.config.traits.map((trait) => [
        trait.name,
        typedValue(renderTemplate(trait.value, scope), trait.type),
      ]),
    );
    const addTags = context.config.addTags.map((tag) => renderTemplate(tag, scope).trim()).filter(Boolean);
    const removeTags = context.config.removeTags
      .map((tag) => renderTemplate(tag, scope).trim())
      .filter(Boolean);
    await context.services.profiles.updateTraits({
      tenantId: context.run.tenantId,
      profileId: context.run.profileId,
      set,
      ...(addTags.length > 0 ? { addTags } : {}),
      ...(removeTags.length > 0 ? { removeTags } : {}),
      idempotencyKey: context.idempotencyKey,
    });
    return { kind: 'continue', handle: NEXT_HANDLE.id, output: { set, addTags, removeTags } };
  },
});
