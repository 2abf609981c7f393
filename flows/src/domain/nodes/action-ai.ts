import { z } from 'zod';
import type { ChatMessage } from '@orchestrator/shared/ports';
import { scopeOf } from '../evaluation-scope.ts';
import { ACTION_OUTPUTS, CATEGORY_COLORS, NEXT_HANDLE, defineNodeType } from '../node-definition.ts';
import { PermanentNodeError } from '../node-errors.ts';
import { DEFAULT_ACTION_RETRY } from '../retry-backoff.ts';
import { renderTemplate } from '../template-rendering.ts';

export const ActionAiConfigSchema = z
  .object({
    task: z.enum(['classify', 'summarize', 'draftReply']).default('classify'),
    input: z
      .string()
      .min(1)
      .max(20_000)
      .describe('The text to work on, e.g. {{event.properties.answers.Message}}'),
    labels: z
      .array(z.string().trim().min(1).max(100))
      .max(30)
      .default([])
      .describe('For classify: the labels to choose from'),
    instructions: z.string().max(5_000).default('').describe('Extra guidance (tone, length, language)'),
    maxTokens: z.number().int().min(16).max(4_000).default(400),
  })
  .refine((config) => config.task !== 'classify' || config.labels.length >= 2, {
    message: 'Classify needs at least two labels',
    path: ['labels'],
  });
export type ActionAiConfig = z.infer<typeof ActionAiConfigSchema>;

const TASK_PROMPTS: Record<ActionAiConfig['task'], string> = {
  classify:
    'Classify the text into exactly one of the labels listed. Answer with the label only, spelled as listed.',
  summarize: 'Summarize the text in a few sentences for a colleague. Answer with the summary only.',
  draftReply: 'Draft a short, friendly reply to the customer who wrote the text. Answer with the reply only.',
};

export function aiMessages(config: ActionAiConfig, input: string): ChatMessage[] {
  const system = [
    TASK_PROMPTS[config.task],
    config.task === 'classify' ? `Labels: ${config.labels.join(' | ')}` : '',
    config.instructions.trim(),
  ]
    .filter(Boolean)
    .join('\n');
  return [
    { role: 'system', content: system },
    { role: 'user', content: input },
  ];
}

/** The label the model meant: an exact match, else the one its answer names; "other" if none. */
export function labelFromAnswer(answer: string, labels: readonly string[]): string {
  const cleaned = answer
    .trim()
    .replace(/^["'`*\s]+|["'`*.\s]+$/g, '')
    .toLowerCase();
  const exact = labels.find((label) => label.toLowerCase() === cleaned);
  if (exact) return exact;
  const named = labels
    .filter((label) => cleaned.includes(label.toLowerCase()))
    .sort((a, b) => b.length - a.length)[0];
  return named ?? 'other';
}

export const actionAiNode = defineNodeType<ActionAiConfig>({
  type: 'action.ai',
  category: 'action',
  label: 'AI step',
  description: 'Classifies, summarizes or drafts a reply with the language model. Output: text (and label).',
  icon: 'automations',
  color: CATEGORY_COLORS.action,
  configSchema: ActionAiConfigSchema,
  defaultConfig: {
    task: 'classify',
    input: '{{event.properties.answers.Message}}',
    labels: ['sales', 'support', 'other'],
    instructions: '',
    maxTokens: 400,
  },
  outputs: () => ACTION_OUTPUTS,
  requires: ['llm'],
  retry: DEFAULT_ACTION_RETRY,
  execute: async (context) => {
    const { config } = context;
    const input = renderTemplate(config.input, scopeOf(context)).trim();
    if (input === '')
      throw new PermanentNodeError(`No text to work on: "${config.input}" is empty for this run.`);
    const result = await context.services.llm.complete({
      messages: aiMessages(config, input),
      maxTokens: config.task === 'classify' ? Math.min(config.maxTokens, 50) : config.maxTokens,
      temperature: config.task === 'classify' ? 0 : 0.4,
    });
    const text = result.text.trim();
    const output =
      config.task === 'classify' ? { label: labelFromAnswer(text, config.labels), text } : { text };
    return { kind: 'continue', handle: NEXT_HANDLE.id, output: { ...output, model: result.model } };
  },
});
