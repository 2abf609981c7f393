import { describe, expect, it } from 'vitest';
import { flowEvent } from '../test-fixtures.ts';
import { triggerEventNode } from './trigger-event.ts';
import { triggerFormSubmittedNode } from './trigger-form-submitted.ts';
import {
  SCHEDULE_FIRED_EVENT,
  nextScheduleFire,
  triggerScheduleNode,
  TriggerScheduleConfigSchema,
} from './trigger-schedule.ts';
import { triggerSegmentEnteredNode } from './trigger-segment-entered.ts';
import { triggerSegmentExitedNode } from './trigger-segment-exited.ts';

const SEGMENT = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
const FORM = '9f1c3a7e-0b6d-4f5a-8c2e-3d4b5a6c7d8e';

describe('trigger.event', () => {
  const config = triggerEventNode.configSchema.parse({
    event: 'Page Viewed',
    filters: { rules: [{ path: 'event.properties.path', operator: 'startsWith', value: '/pricing' }] },
  });

  it('matches the event name and its filters', () => {
    expect(triggerEventNode.matches!(config, flowEvent('Page Viewed', { path: '/pricing/teams' }))).toBe(
      true,
    );
    expect(triggerEventNode.matches!(config, flowEvent('Page Viewed', { path: '/blog' }))).toBe(false);
    expect(triggerEventNode.matches!(config, flowEvent('Order Completed', { path: '/pricing' }))).toBe(false);
  });

  it('matches any event of the name without filters', () => {
    expect(triggerEventNode.matches!(triggerEventNode.defaultConfig, flowEvent('Order Completed'))).toBe(
      true,
    );
  });
});

describe('segment triggers', () => {
  it('match entering or leaving the chosen segment, or any', () => {
    const entered = flowEvent('Segment Entered', { segmentId: SEGMENT, segmentName: 'VIP' });
    const exited = flowEvent('Segment Exited', { segmentId: SEGMENT, segmentName: 'VIP' });
    expect(triggerSegmentEnteredNode.matches!({ segmentId: SEGMENT }, entered)).toBe(true);
    expect(triggerSegmentEnteredNode.matches!({ segmentId: SEGMENT }, exited)).toBe(false);
    expect(triggerSegmentEnteredNode.matches!({ segmentId: '' }, entered)).toBe(true);
    expect(triggerSegmentEnteredNode.matches!({ segmentId: FORM }, entered)).toBe(false);
    expect(triggerSegmentExitedNode.matches!({ segmentId: SEGMENT }, exited)).toBe(true);
    expect(triggerSegmentExitedNode.matches!({ segmentId: '' }, entered)).toBe(false);
  });
});

describe('trigger.formSubmitted', () => {
  it('matches submissions of the chosen form, or of any form', () => {
    const submitted = flowEvent('Form Submitted', { formId: FORM, answers: {} });
    expect(triggerFormSubmittedNode.matches!({ formId: FORM }, submitted)).toBe(true);
    expect(triggerFormSubmittedNode.matches!({ formId: SEGMENT }, submitted)).toBe(false);
    expect(triggerFormSubmittedNode.matches!({ formId: '' }, submitted)).toBe(true);
    expect(triggerFormSubmittedNode.matches!({ formId: '' }, flowEvent('Page Viewed'))).toBe(false);
  });
});

describe('trigger.schedule', () => {
  it('is started by the server, never by a CDP event', () => {
    const config = triggerScheduleNode.defaultConfig;
    expect(triggerScheduleNode.matches!(config, flowEvent('Order Completed'))).toBe(false);
    expect(
      triggerScheduleNode.matches!(config, flowEvent(SCHEDULE_FIRED_EVENT, {}, { profileId: null })),
    ).toBe(true);
  });

  it('computes the next fire in the time zone, across DST', () => {
    const config = { cron: '0 9 * * 1', timeZone: 'Europe/Paris' };
    expect(nextScheduleFire(config, new Date('2026-03-25T12:00:00Z'))?.toISOString()).toBe(
      '2026-03-30T07:00:00.000Z',
    );
    expect(nextScheduleFire(config, new Date('2026-03-20T12:00:00Z'))?.toISOString()).toBe(
      '2026-03-23T08:00:00.000Z',
    );
    expect(nextScheduleFire(config, new Date('2026-03-23T08:00:00Z'))?.toISOString()).toBe(
      '2026-03-30T07:00:00.000Z',
    );
  });

  it('refuses bad cron expressions and time zones', () => {
    expect(TriggerScheduleConfigSchema.safeParse({ cron: 'every monday' }).success).toBe(false);
    expect(TriggerScheduleConfigSchema.safeParse({ cron: '0 9 * * 1', timeZone: 'Mars/Base' }).success).toBe(
      false,
    );
    expect(TriggerScheduleConfigSchema.parse({ cron: '*/15 * * * *' })).toEqual({
      cron: '*/15 * * * *',
      timeZone: 'UTC',
    });
  });
});
