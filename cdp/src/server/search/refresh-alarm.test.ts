import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RefreshAlarm } from './refresh-alarm.ts';

describe('RefreshAlarm', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  /** When the sleep ends (fake ms), advancing the clock in steps of 10 ms. */
  const wokeAt = async (sleep: Promise<void>, during?: (now: number) => void) => {
    let woke: number | undefined;
    void sleep.then(() => (woke = Date.now()));
    while (woke === undefined && Date.now() < 10_000) {
      during?.(Date.now());
      await vi.advanceTimersByTimeAsync(10);
    }
    return woke;
  };

  it('sleeps until its deadline when nothing is announced', async () => {
    expect(await wokeAt(new RefreshAlarm().sleepUntil(1_000))).toBe(1_000);
  });

  it('rings when an announced request falls due, not when it is announced', async () => {
    const alarm = new RefreshAlarm();
    const woke = await wokeAt(alarm.sleepUntil(5_000), (now) => now === 200 && alarm.expectAt(now + 300));
    expect(woke).toBe(500);
  });

  it('is never postponed by a request due after its deadline', async () => {
    const alarm = new RefreshAlarm();
    expect(await wokeAt(alarm.sleepUntil(400), (now) => now === 100 && alarm.expectAt(3_000))).toBe(400);
  });

  it('keeps a request announced while nobody sleeps for the next sleep, and forgets it once rung', async () => {
    const alarm = new RefreshAlarm();
    alarm.expectAt(250);
    expect(await wokeAt(alarm.sleepUntil(5_000))).toBe(250);
    expect(await wokeAt(alarm.sleepUntil(1_000))).toBe(1_000);
  });

  it('ends a sleep at once when cancelled', async () => {
    const alarm = new RefreshAlarm();
    const woke = await wokeAt(alarm.sleepUntil(5_000), (now) => now === 30 && alarm.cancel());
    expect(woke).toBe(30);
  });
});
