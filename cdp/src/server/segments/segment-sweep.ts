import type { Logger } from '@orchestrator/shared/logging';
import type { Clock, Database } from '@orchestrator/shared/ports';
import type { SegmentMemberships } from './segment-memberships.ts';
import { SegmentRepository } from './segment-repository.ts';

/** How often segments with time windows are re-evaluated by default. */
export const DEFAULT_SEGMENT_SWEEP_INTERVAL_MS = 5 * 60_000;

/** Segments swept per pass at most (the least recently evaluated first; the rest wait for the next). */
const SEGMENTS_PER_SWEEP = 1000;

export interface SweepResult {
  segments: number;
  entered: number;
  exited: number;
}

/**
 * Time alone changes some memberships: "ordered in the last 7 days" stops holding a week after the
 * last order, with no event to say so. Every interval this re-evaluates each segment whose rule has a
 * time window (fully, like "evaluate now"). Several workers may sweep: one that finds a segment
 * evaluated less than half an interval ago leaves it alone.
 */
export class SegmentSweep {
  private readonly segments = new SegmentRepository();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;

  constructor(
    private readonly database: Database,
    private readonly memberships: Pick<SegmentMemberships, 'evaluateSegment'>,
    private readonly clock: Clock,
    private readonly logger: Pick<Logger, 'info' | 'error'>,
    readonly intervalMs = DEFAULT_SEGMENT_SWEEP_INTERVAL_MS,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One pass over the due segments; a segment that fails is logged and left for the next pass. */
  async sweepOnce(): Promise<SweepResult> {
    const dueBefore = new Date(this.clock.now().getTime() - this.intervalMs / 2);
    const due = await this.database.systemTx((tx) =>
      this.segments.timeWindowed(tx, dueBefore, SEGMENTS_PER_SWEEP),
    );
    const result: SweepResult = { segments: 0, entered: 0, exited: 0 };
    for (const { tenantId, id } of due) {
      try {
        const changes = await this.memberships.evaluateSegment(tenantId, id, {
          skipIfEvaluatedSince: dueBefore,
        });
        if (!changes) continue;
        result.segments += 1;
        result.entered += changes.entered.length;
        result.exited += changes.exited.length;
      } catch (error) {
        this.logger.error({ err: error, tenantId, segmentId: id }, 'Sweeping a time-windowed segment failed');
      }
    }
    if (result.entered || result.exited) this.logger.info(result, 'Swept time-windowed segments');
    return result;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.sweepOnce()
        .catch((error: unknown) => this.logger.error({ err: error }, 'Segment sweep failed'))
        .finally(() => this.schedule());
    }, this.intervalMs);
    this.timer.unref?.();
  }
}
