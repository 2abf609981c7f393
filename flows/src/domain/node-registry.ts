import { z } from 'zod';
import type { FlowNode } from '../contracts/index.ts';
import { textFieldsAsStrings } from './form-text-fields.ts';
import { addPropertyTitles } from './json-schema-titles.ts';
import type { HandleSpec, NodeTypeDefinition } from './node-type.ts';
import { actionAiNode } from './nodes/action-ai.ts';
import { actionKestraNode } from './nodes/action-kestra.ts';
import { actionSendEmailNode } from './nodes/action-send-email.ts';
import { actionUpdateProfileNode } from './nodes/action-update-profile.ts';
import { actionWebhookNode } from './nodes/action-webhook.ts';
import { logicConditionNode } from './nodes/logic-condition.ts';
import { logicExitNode } from './nodes/logic-exit.ts';
import { logicSplitNode } from './nodes/logic-split.ts';
import { logicSwitchNode } from './nodes/logic-switch.ts';
import { logicWaitDurationNode } from './nodes/logic-wait-duration.ts';
import { logicWaitForEventNode } from './nodes/logic-wait-for-event.ts';
import { logicWaitUntilNode } from './nodes/logic-wait-until.ts';
import { triggerEventNode } from './nodes/trigger-event.ts';
import { triggerFormSubmittedNode } from './nodes/trigger-form-submitted.ts';
import { triggerScheduleNode } from './nodes/trigger-schedule.ts';
import { triggerSegmentEnteredNode } from './nodes/trigger-segment-entered.ts';
import { triggerSegmentExitedNode } from './nodes/trigger-segment-exited.ts';

/** A node type of any config, as the registry, validator and executor handle them. */
export type AnyNodeType = NodeTypeDefinition<Record<string, unknown>>;

/** Every node type of the catalog, in palette order (triggers, logic, actions). */
export const NODE_TYPES: readonly AnyNodeType[] = [
  triggerEventNode,
  triggerFormSubmittedNode,
  triggerSegmentEnteredNode,
  triggerSegmentExitedNode,
  triggerScheduleNode,
  logicConditionNode,
  logicSwitchNode,
  logicSplitNode,
  logicWaitDurationNode,
  logicWaitUntilNode,
  logicWaitForEventNode,
  logicExitNode,
  actionSendEmailNode,
  actionUpdateProfileNode,
  actionWebhookNode,
  actionAiNode,
  actionKestraNode,
];

const BY_TYPE = new Map(NODE_TYPES.map((definition) => [definition.type, definition]));

export function nodeTypeOf(type: string): AnyNodeType | undefined {
  return BY_TYPE.get(type);
}

export function isTriggerType(type: string): boolean {
  return nodeTypeOf(type)?.category === 'trigger';
}

/** The node's config after its schema's defaults, or null when it does not pass the schema. */
export function parsedConfigOf(node: Pick<FlowNode, 'type' | 'data'>): Record<string, unknown> | null {
  const definition = nodeTypeOf(node.type);
  if (!definition) return null;
  const result = definition.configSchema.safeParse(node.data?.config ?? {});
  return result.success ? result.data : null;
}

/**
 * The output handles of a node on the canvas. An invalid config still gets handles (from the raw
 * config when its type can read it, else the default config) so edges stay drawn while it is fixed.
 */
export function outputsOf(node: Pick<FlowNode, 'type' | 'data'>): HandleSpec[] {
  const definition = nodeTypeOf(node.type);
  if (!definition) return [];
  const parsed = parsedConfigOf(node);
  if (parsed) return definition.outputs(parsed);
  try {
    return definition.outputs({ ...definition.defaultConfig, ...(node.data?.config ?? {}) });
  } catch {
    return definition.outputs(definition.defaultConfig);
  }
}

export type JsonSchema = Record<string, unknown>;

const jsonSchemaCache = new Map<string, JsonSchema>();

/**
 * The config schema as draft-07 JSON Schema for the editor's @rjsf form: the input side (fields with
 * defaults are optional), no `$schema` keyword (ajv would try to resolve the meta-schema), values of
 * several scalar types as one text field (see `shownAsText`), and a readable title on every field that
 * has none.
 */
export function configJsonSchemaOf(type: string): JsonSchema | undefined {
  const cached = jsonSchemaCache.get(type);
  if (cached) return cached;
  const definition = nodeTypeOf(type);
  if (!definition) return undefined;
  const schema = z.toJSONSchema(definition.configSchema, {
    target: 'draft-07',
    io: 'input',
    unrepresentable: 'any',
    override: textFieldsAsStrings,
  }) as JsonSchema;
  delete schema.$schema;
  addPropertyTitles(schema);
  jsonSchemaCache.set(type, schema);
  return schema;
}
