import { describe, expect, it } from 'vitest';
import { triggerFormSubmittedNode } from '../../domain/nodes/trigger-form-submitted.ts';
import { sampleEventFor } from './sample-event.ts';

const FORM = '0b9c6a2e-5f8e-4c1a-9d8e-2f1b3c4d5e6f';

describe('sampleEventFor', () => {
  it('gives an event the trigger matches', () => {
    const sample = sampleEventFor({ type: 'trigger.formSubmitted', data: { config: { formId: FORM } } });
    expect(sample.properties.formId).toBe(FORM);
    const event = {
      id: 'x',
      messageId: 'x',
      profileId: null,
      timestamp: '2026-01-01T00:00:00Z',
      context: {},
      ...sample,
    };
    expect(triggerFormSubmittedNode.matches?.({ formId: FORM }, event)).toBe(true);
    expect(sampleEventFor({ type: 'trigger.event', data: { config: { event: 'Order Completed' } } })).toEqual(
      {
        event: 'Order Completed',
        properties: {},
      },
    );
    expect(sampleEventFor({ type: 'trigger.segmentEntered', data: { config: { segmentId: '' } } })).toEqual({
      event: 'Segment Entered',
      properties: {},
    });
  });

  it('leaves the name to the user when there is no trigger it knows', () => {
    expect(sampleEventFor(undefined)).toEqual({ event: '', properties: {} });
    expect(sampleEventFor({ type: 'trigger.schedule', data: { config: {} } }).event).toBe('');
  });
});
