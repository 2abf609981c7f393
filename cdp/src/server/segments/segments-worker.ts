import type { Outbox } from '@orchestrator/shared/bus';
import type { Logger } from '@orchestrator/shared/logging';
import type { ServerModule } from '@orchestrator/shared/modules';
import type { Clock, Database, EventBus } from '@orchestrator/shared/ports';
import { SegmentConsumer } from './segment-consumer.ts';
import { SegmentMemberships } from './segment-memberships.ts';
import { DEFAULT_SEGMENT_SWEEP_INTERVAL_MS, SegmentSweep } from './segment-sweep.ts';

type Worker = NonNullable<ServerModule['workers']>[number];

export interface SegmentsWorkerDependencies {
  database: Database;
  bus: EventBus;
  outbox: Outbox;
  clock: Clock;
  logger: Logger;
  /** How often time-windowed segments are re-evaluated (default five minutes). */
  sweepIntervalMs?: number;
}

/**
 * Segment evaluation as a `cdp-worker` role worker: incremental evaluation on `cdp.profile-events`
 * (group `cdp-segments`) and the periodic sweep of time-windowed segments.
 */
export function segmentsWorker({
  database,
  bus,
  outbox,
  clock,
  logger,
  sweepIntervalMs = DEFAULT_SEGMENT_SWEEP_INTERVAL_MS,
}: SegmentsWorkerDependencies): Worker {
  return {
    role: 'cdp-worker',
    name: 'cdp-segments',
    async start() {
      const log = logger.child({ worker: 'cdp-segments' });
      const memberships = new SegmentMemberships(database, outbox, clock);
      const subscription = await new SegmentConsumer(memberships, log).subscribe(bus);
      const sweep = new SegmentSweep(database, memberships, clock, log, sweepIntervalMs);
      sweep.start();
      return {
        async stop() {
          await sweep.stop();
          await subscription.stop();
        },
      };
    },
  };
}
