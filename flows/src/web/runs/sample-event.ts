import { FORM_SUBMITTED_EVENT } from '../../domain/nodes/trigger-form-submitted.ts';
import { SEGMENT_ENTERED_EVENT } from '../../domain/nodes/trigger-segment-entered.ts';
import { SEGMENT_EXITED_EVENT } from '../../domain/nodes/trigger-segment-exited.ts';

export interface SampleEvent {
  event: string;
  properties: Record<string, unknown>;
}

/**
 * The test-run dialog's starting point: an event the flow's trigger would match, so a test run
 * starts without the user knowing the event names each trigger listens to.
 */
export function sampleEventFor(
  trigger: { type?: string; data: { config: Record<string, unknown> } } | undefined,
): SampleEvent {
  const config = trigger?.data.config ?? {};
  const id = (key: string) => (typeof config[key] === 'string' && config[key] ? { [key]: config[key] } : {});
  switch (trigger?.type) {
    case 'trigger.event':
      return { event: typeof config.event === 'string' ? config.event : '', properties: {} };
    case 'trigger.formSubmitted':
      return {
        event: FORM_SUBMITTED_EVENT,
        properties: { ...id('formId'), email: 'test@example.com', answers: {} },
      };
    case 'trigger.segmentEntered':
      return { event: SEGMENT_ENTERED_EVENT, properties: id('segmentId') };
    case 'trigger.segmentExited':
      return { event: SEGMENT_EXITED_EVENT, properties: id('segmentId') };
    default:
      return { event: '', properties: {} };
  }
}
