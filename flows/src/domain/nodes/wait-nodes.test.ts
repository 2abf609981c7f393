import { describe, expect, it } from 'vitest';
import { executionContext, fakeServices, flowEvent, profile } from '../test-fixtures.ts';
import { logicWaitForEventNode, LogicWaitForEventConfigSchema } from './logic-wait-for-event.ts';
import { logicWaitUntilNode, LogicWaitUntilConfigSchema } from './logic-wait-until.ts';

describe('logic.waitUntil', () => {
  const nineOnMonday = LogicWaitUntilConfigSchema.parse({
    mode: 'timeOfDay',
    time: '09:00',
    weekdays: ['monday'],
  });
  // Saturday 2026-03-28, 21:00 in Paris; clocks go forward that night.
  const started = new Date('2026-03-28T20:00:00Z');

  it("waits for the next time of day in the profile's time zone, across DST", async () => {
    const outcome = await logicWaitUntilNode.execute!(
      executionContext(nineOnMonday, {
        stepStartedAt: started,
        now: started,
        profile: profile({ timezone: 'Europe/Paris' }),
      }),
    );
    expect(outcome).toEqual({
      kind: 'wait',
      until: new Date('2026-03-30T07:00:00Z'),
      output: { until: '2026-03-30T07:00:00.000Z', zone: 'Europe/Paris' },
    });
  });

  it('falls back to the fixed zone when the profile has none (or an invalid one)', async () => {
    const config = { ...nineOnMonday, zone: 'America/New_York' };
    for (const traits of [{}, { timezone: 'Nowhere/Land' }]) {
      const outcome = await logicWaitUntilNode.execute!(
        executionContext(config, { stepStartedAt: started, now: started, profile: profile(traits) }),
      );
      // New York is on EDT (UTC-4) since 2026-03-08.
      expect(outcome).toMatchObject({ kind: 'wait', until: new Date('2026-03-30T13:00:00Z') });
    }
  });

  it('waits for a date and time in a fixed zone, or a template filled from the event', async () => {
    const fixed = LogicWaitUntilConfigSchema.parse({
      mode: 'dateTime',
      at: '2026-11-01T09:00',
      zoneSource: 'fixed',
      zone: 'Europe/Paris',
    });
    expect(
      await logicWaitUntilNode.execute!(executionContext(fixed, { stepStartedAt: started, now: started })),
    ).toMatchObject({
      until: new Date('2026-11-01T08:00:00Z'),
    });
    const fromEvent = LogicWaitUntilConfigSchema.parse({
      mode: 'dateTime',
      at: '{{event.properties.startsAt}}',
      zoneSource: 'fixed',
    });
    const trigger = flowEvent('Booking Created', { startsAt: '2026-04-02T15:00:00+02:00' });
    expect(
      await logicWaitUntilNode.execute!(
        executionContext(fromEvent, { trigger, stepStartedAt: started, now: started }),
      ),
    ).toMatchObject({ kind: 'wait', until: new Date('2026-04-02T13:00:00Z') });
  });

  it('continues at once for a time already past, on the timer, or for an unreadable date', async () => {
    const past = LogicWaitUntilConfigSchema.parse({ mode: 'dateTime', at: '2020-01-01T00:00:00Z' });
    expect(await logicWaitUntilNode.execute!(executionContext(past))).toMatchObject({
      kind: 'continue',
      handle: 'next',
    });
    expect(
      await logicWaitUntilNode.execute!(
        executionContext(nineOnMonday, { stepStartedAt: started, resumed: { reason: 'timer' } }),
      ),
    ).toMatchObject({ kind: 'continue', handle: 'next' });
    const empty = LogicWaitUntilConfigSchema.parse({ mode: 'dateTime', at: '{{event.properties.none}}' });
    expect(await logicWaitUntilNode.execute!(executionContext(empty))).toMatchObject({ kind: 'continue' });
  });

  it('needs a date in dateTime mode and a valid zone', () => {
    expect(LogicWaitUntilConfigSchema.safeParse({ mode: 'dateTime' }).error?.issues[0]?.path).toEqual(['at']);
    expect(LogicWaitUntilConfigSchema.safeParse({ zone: 'Mars/Base' }).success).toBe(false);
    expect(LogicWaitUntilConfigSchema.safeParse({ time: '25:00' }).success).toBe(false);
  });
});

describe('logic.waitForEvent', () => {
  const config = LogicWaitForEventConfigSchema.parse({
    event: 'Booking Created',
    properties: [{ name: 'type', value: 'demo' }],
    timeout: { amount: 2, unit: 'days' },
  });
  const runStarted = new Date('2026-03-01T09:00:00Z');
  const stepStarted = new Date('2026-03-01T10:00:00Z');
  const run = {
    id: 'run-1',
    flowId: 'flow-1',
    version: 1,
    tenantId: 'tenant-1',
    profileId: executionContext({}).run.profileId,
    test: false,
    startedAt: runStarted,
  };

  it('continues at once by "received" when the event already happened since the run started', async () => {
    const booking = {
      event: 'Booking Created',
      timestamp: '2026-03-01T09:30:00Z',
      properties: { type: 'demo' },
    };
    const { services, calls } = fakeServices({
      events: {
        happenedSince: async (input) => {
          calls.eventQueries.push(input);
          return booking;
        },
      },
    });
    const outcome = await logicWaitForEventNode.execute!(
      executionContext(config, { run, services, stepStartedAt: stepStarted }),
    );
    expect(outcome).toEqual({ kind: 'continue', handle: 'received', output: { event: booking } });
    expect(calls.eventQueries).toEqual([
      {
        tenantId: 'tenant-1',
        profileId: run.profileId,
        event: 'Booking Created',
        since: runStarted,
        properties: { type: 'demo' },
      },
    ]);
  });

  it('waits for the event with the timeout as timer', async () => {
    const outcome = await logicWaitForEventNode.execute!(
      executionContext(config, { run, stepStartedAt: stepStarted, now: stepStarted }),
    );
    expect(outcome).toEqual({
      kind: 'wait',
      until: new Date('2026-03-03T10:00:00Z'),
      forEvent: { event: 'Booking Created', properties: { type: 'demo' } },
      output: { until: '2026-03-03T10:00:00.000Z' },
    });
  });

  it('leaves by "received" when resumed by the event and by "timeout" when resumed by the timer', async () => {
    const event = flowEvent('Booking Created', { type: 'demo' });
    expect(
      await logicWaitForEventNode.execute!(
        executionContext(config, { run, resumed: { reason: 'event', event } }),
      ),
    ).toEqual({ kind: 'continue', handle: 'received', output: { event } });
    expect(
      await logicWaitForEventNode.execute!(executionContext(config, { run, resumed: { reason: 'timer' } })),
    ).toMatchObject({
      kind: 'continue',
      handle: 'timeout',
    });
  });

  it('does not look back for a run without a profile', async () => {
    const { services, calls } = fakeServices();
    const outcome = await logicWaitForEventNode.execute!(
      executionContext(config, { run: { ...run, profileId: null }, services, profile: null }),
    );
    expect(outcome.kind).toBe('wait');
    expect(calls.eventQueries).toEqual([]);
  });
});
