import { sameId } from '../optional-id.ts';
import { CATEGORY_COLORS, NEXT_HANDLE, defineNodeType } from '../node-definition.ts';
import { TriggerSegmentConfigSchema, type TriggerSegmentConfig } from './trigger-segment-entered.ts';

export const SEGMENT_EXITED_EVENT = 'Segment Exited';

export const triggerSegmentExitedNode = defineNodeType<TriggerSegmentConfig>({
  type: 'trigger.segmentExited',
  category: 'trigger',
  label: 'Segment exited',
  description: 'Starts when a profile leaves a CDP segment.',
  icon: 'customers',
  color: CATEGORY_COLORS.trigger,
  configSchema: TriggerSegmentConfigSchema,
  defaultConfig: { segmentId: '' },
  outputs: () => [NEXT_HANDLE],
  matches: (config, event) =>
    event.event === SEGMENT_EXITED_EVENT &&
    (config.segmentId === '' || sameId(event.properties.segmentId, config.segmentId)),
  execute: async (context) => ({
    kind: 'continue',
    handle: NEXT_HANDLE.id,
    output: context.trigger.properties,
  }),
});
