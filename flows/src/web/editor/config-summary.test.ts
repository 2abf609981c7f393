import { describe, expect, it } from 'vitest';
import { configSummaryOf } from './config-summary.ts';

describe('configSummaryOf', () => {
  it('says what known steps are set to do', () => {
    expect(
      configSummaryOf('trigger.event', { event: 'Order Completed', filters: { rules: [{}], groups: [] } }),
    ).toBe('On “Order Completed”, 1 filter');
    expect(
      configSummaryOf('logic.condition', {
        condition: { match: 'any', rules: [{}], groups: [{ rules: [{}, {}], groups: [] }] },
      }),
    ).toBe('3 rules, any must match');
    expect(configSummaryOf('trigger.formSubmitted', { formId: '0180fdcf-d85d-40b5-8045-ce5950000000' })).toBe(
      'Form 0180fdcf…',
    );
    expect(configSummaryOf('trigger.formSubmitted', { formId: '' })).toBe('Any form');
    expect(configSummaryOf('logic.waitDuration', { amount: 1, unit: 'days' })).toBe('Wait 1 day');
    expect(configSummaryOf('logic.waitDuration', { amount: 3, unit: 'hours' })).toBe('Wait 3 hours');
    expect(configSummaryOf('action.sendEmail', { to: '{{profile.traits.email}}', subject: 'Welcome' })).toBe(
      '“Welcome” to {{profile.traits.email}}',
    );
  });

  it('says what is missing rather than showing nothing', () => {
    expect(configSummaryOf('trigger.event', {})).toBe('No event chosen');
    expect(configSummaryOf('logic.condition', { condition: { rules: [], groups: [] } })).toBe('No rules yet');
    expect(configSummaryOf('action.sendEmail', { to: 'a@b.c' })).toBe('No subject yet');
  });

  it('shows the first meaningful setting of other node types, on one short line', () => {
    expect(configSummaryOf('action.webhook', { method: 'POST', url: 'https://example.com/hook' })).toBe(
      'https://example.com/hook',
    );
    expect(configSummaryOf('action.ai', { prompt: `${'x'.repeat(80)}\nsecond line` })).toHaveLength(58);
    expect(configSummaryOf('logic.split', { percent: 50 })).toBe('50');
    expect(configSummaryOf('logic.something', {})).toBe('');
  });
});
