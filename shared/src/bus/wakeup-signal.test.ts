import { describe, expect, it } from 'vitest';
import { WakeupSignal } from './wakeup-signal.ts';

const settledWithin = async (promise: Promise<void>, ms: number) =>
  Promise.race([promise.then(() => true), new Promise<boolean>((done) => setTimeout(() => done(false), ms))]);

describe('WakeupSignal', () => {
  it('ends a wait when notified', async () => {
    const signal = new WakeupSignal();
    const waiting = signal.wait(10_000);
    signal.notify();
    expect(await settledWithin(waiting, 100)).toBe(true);
  });

  it('does not lose a notification that came while the loop was busy (after its mark)', async () => {
    const signal = new WakeupSignal();
    const mark = signal.mark();
    signal.notify(); // work committed while the loop was polling: nobody was waiting yet
    expect(await settledWithin(signal.wait(10_000, mark), 100)).toBe(true);
  });

  it('sleeps its interval when nothing happened since the mark', async () => {
    const signal = new WakeupSignal();
    signal.notify();
    const mark = signal.mark();
    expect(await settledWithin(signal.wait(300, mark), 100)).toBe(false);
  });

  it('lets loops sharing a signal each see a notification that came after their own mark', async () => {
    const signal = new WakeupSignal();
    const first = signal.mark();
    const second = signal.mark();
    signal.notify();
    expect(await settledWithin(signal.wait(10_000, first), 100)).toBe(true);
    expect(await settledWithin(signal.wait(10_000, second), 100)).toBe(true);
  });
});
