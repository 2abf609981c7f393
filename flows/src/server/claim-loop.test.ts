import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ClaimLoop } from './claim-loop.ts';

/** Work items in a queue; each claimed item is a task that finishes when the test says so. */
function queueOfWork(items: number) {
  let left = items;
  const finishers: Array<() => void> = [];
  const claims: Array<{ limit: number; got: number }> = [];
  const claim = async (limit: number) => {
    const got = Math.min(limit, left);
    left -= got;
    claims.push({ limit, got });
    return Array.from({ length: got }, () => () => new Promise<void>((done) => finishers.push(done)));
  };
  const finishAll = () => finishers.splice(0).forEach((finish) => finish());
  const add = (more: number) => void (left += more);
  return { claim, claims, finishAll, add };
}

describe('ClaimLoop', () => {
  // Frozen timers: the loop moves only when woken, never by its polling timeouts.
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  const settle = () => vi.advanceTimersByTimeAsync(0);
  /** A loop over `work`, started, after its first claim. */
  const startedOver = async (work: ReturnType<typeof queueOfWork>) => {
    const loop = new ClaimLoop({
      claim: work.claim,
      logger: { error: () => {} },
      concurrency: 10,
      batchSize: 10,
      pollIntervalMs: 60_000,
    });
    loop.start();
    await settle();
    return loop;
  };
  const finishAndStop = async (work: ReturnType<typeof queueOfWork>, loop: ClaimLoop) => {
    work.finishAll();
    await settle();
    await loop.stop();
  };

  it('claims again as soon as tasks finish when its last claim came back full', async () => {
    const work = queueOfWork(15);
    const loop = await startedOver(work);
    expect(work.claims).toEqual([{ limit: 10, got: 10 }]);
    work.finishAll();
    await settle();
    expect(work.claims).toEqual([
      { limit: 10, got: 10 },
      { limit: 10, got: 5 },
    ]);
    await finishAndStop(work, loop);
  });

  it('does not claim when tasks finish after a short claim, but does on a kick', async () => {
    const work = queueOfWork(4);
    const loop = await startedOver(work);
    expect(work.claims).toEqual([{ limit: 10, got: 4 }]);
    work.finishAll();
    await settle();
    expect(work.claims).toHaveLength(1);
    work.add(3);
    loop.kick();
    await settle();
    expect(work.claims).toEqual([
      { limit: 10, got: 4 },
      { limit: 10, got: 3 },
    ]);
    await finishAndStop(work, loop);
  });

  it('a kick while it has no room makes it claim once tasks finish', async () => {
    const work = queueOfWork(10);
    const loop = await startedOver(work);
    work.add(2);
    loop.kick();
    await settle();
    expect(work.claims).toHaveLength(1);
    work.finishAll();
    await settle();
    expect(work.claims).toEqual([
      { limit: 10, got: 10 },
      { limit: 10, got: 2 },
    ]);
    await finishAndStop(work, loop);
  });

  it('counts reserved room and adopted tasks against its room, and stop waits for them', async () => {
    const work = queueOfWork(3);
    const loop = await startedOver(work);
    expect(loop.room()).toBe(7);
    expect(loop.reserve(2)).toBe(2);
    expect(loop.room()).toBe(5);
    let finishAdopted = () => {};
    let adoptedDone = false;
    // One of the two promised slots is used, the other let go.
    loop.adopt(
      [
        () =>
          new Promise<void>((done) => {
            finishAdopted = () => {
              adoptedDone = true;
              done();
            };
          }),
      ],
      2,
    );
    expect(loop.room()).toBe(6);
    expect(loop.reserve(100)).toBe(6);
    loop.unreserve(6);
    work.finishAll();
    await settle();
    expect(loop.room()).toBe(9);
    const stopped = loop.stop();
    expect(loop.room()).toBe(0);
    let stoppedYet = false;
    void stopped.then(() => (stoppedYet = true));
    await settle();
    expect(stoppedYet).toBe(false);
    finishAdopted();
    await stopped;
    expect(adoptedDone).toBe(true);
  });
});
