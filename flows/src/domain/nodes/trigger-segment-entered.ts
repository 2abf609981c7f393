import { z } from 'zod';
import { optionalIdSchema, sameId } from '../optional-id.ts';
import { CATEGORY_COLORS, NEXT_HANDLE, defineNodeType } from '../node-definition.ts';

export const SEGMENT_ENTERED_EVENT = 'Segment Entered';

export const TriggerSegmentConfigSchema = z.object({
  segmentId: optionalIdSchema('The segment (empty: any segment)'),
});
export type TriggerSegmentConfig = z.infer<typeof TriggerSegmentConfigSchema>;

export const triggerSegmentEnteredNode = defineNodeType<TriggerSegmentConfig>({
  type: 'trigger.segmentEntered',
  category: 'trigger',
  label: 'Segment entered',
  description: 'Starts when a profile joins a CDP segment.',
  icon: 'customers',
  color: CATEGORY_COLORS.trigger,
  configSchema: TriggerSegmentConfigSchema,
  defaultConfig: { segmentId: '' },
  outputs: () => [NEXT_HANDLE],
  matches: (config, event) =>
    event.event === SEGMENT_ENTERED_EVENT &&
    (config.segmentId === '' || sameId(event.properties.segmentId, config.segmentId)),
  execute: async (context) => ({
    kind: 'continue',
    handle: NEXT_HANDLE.id,
    output: context.trigger.properties,
  }),
});
