/** When each message of a phase became visible (the builder's commit) and announced (on the bus). */
import { CDP_PROFILE_EVENTS_TOPIC, processedEventOf } from '@orchestrator/cdp/contracts';

import type { EventBus, Subscription } from '@orchestrator/shared/ports';
import type { LoadClientReport } from './cdp-load-client.ts';
import { messageIndex } from './cdp-workload.ts';
import { now } from './bench-options.ts';
import { watchBuilderCommits, type CommitReport } from './builder-commits.ts';
import type { WorkerProcess } from './worker-process.ts';

/** When each message of one load phase was acknowledged, became visible, and was announced. */
export class Phase {
  readonly ackAt: Float64Array;
  readonly sentAt: Float64Array;
  readonly visibleAt: Float64Array;
  readonly announcedAt: Float64Array;
  visible = 0;
  announced = 0;
  acked = 0;
  lastVisibleAt = 0;
  lastAnnouncedAt = 0;
  /** The profile builder's transactions: [messages, milliseconds]. */
  readonly chunks: Array<[number, number]> = [];
  private waiting: (() => void) | undefined;

  constructor(
    readonly prefix: string,
    readonly events: number,
    /** Whether its messages are announced on the bus (not in the floor phase, which builds no profile). */
    readonly announces = true,
  ) {
    this.ackAt = new Float64Array(events);
    this.sentAt = new Float64Array(events);
    this.visibleAt = new Float64Array(events);
    this.announcedAt = new Float64Array(events);
  }

  /** The profile transaction that processed the message committed. */
  committed(index: number, at: number): void {
    if (index >= this.events || this.visibleAt[index] !== 0) return;
    this.visibleAt[index] = at;
    this.visible++;
    this.lastVisibleAt = at;
    this.check();
  }

  /** Its `Message Processed` event arrived on `cdp.profile-events` (redeliveries are ignored). */
  seen(index: number, at: number): void {
    if (index >= this.events || this.announcedAt[index] !== 0) return;
    this.announcedAt[index] = at;
    this.announced++;
    this.lastAnnouncedAt = at;
    this.check();
  }

  acknowledged(report: Extract<LoadClientReport, { kind: 'acks' }>): void {
    for (let i = 0; i < report.first.length; i++) {
      const first = report.first[i]!;
      for (let index = first; index < first + report.count[i]!; index++) {
        this.ackAt[index] = report.ackAt[i]!;
        this.sentAt[index] = report.sentAt[i]!;
      }
      this.acked += report.count[i]!;
    }
  }

  get done(): boolean {
    return this.visible === this.events && (!this.announces || this.announced === this.events);
  }

  /**
   * Waits until every event is visible and announced; gives up (false) once nothing moved for
   * `stallMs`, or after `limitMs` in all — a backlog still draining is waited for, a stuck one is not.
   */
  async complete(stallMs: number, limitMs: number): Promise<boolean> {
    if (this.done) return true;
    return new Promise((resolve) => {
      const deadline = now() + limitMs;
      let progress = this.visible + this.announced;
      let movedAt = now();
      const timer = setInterval(() => {
        const current = this.visible + this.announced;
        if (current !== progress) [progress, movedAt] = [current, now()];
        if (now() - movedAt > stallMs || now() > deadline) {
          clearInterval(timer);
          resolve(false);
        }
      }, 500);
      this.waiting = () => {
        clearInterval(timer);
        resolve(true);
      };
    });
  }

  private check(): void {
    if (this.done) this.waiting?.();
  }
}

/**
 * Watches the messages of the tracked phases in two places: the commit of the profile builder's
 * transaction (ProfileProcessor.processBatch returning — the profile is visible from then on), and
 * their `Message Processed` events on `cdp.profile-events` (relayed through the outbox).
 */
export class Observer {
  private readonly phases = new Map<string, Phase>();
  private subscription: Subscription | undefined;
  private restore: (() => void) | undefined;

  /**
   * Watches the builder in this process (`workers` absent) or in the workers' process of
   * `--split-roles` (its commits arrive over IPC), and the announcements on the bus.
   */
  async start(bus: EventBus, group: string, workers?: WorkerProcess): Promise<void> {
    const committed = (report: CommitReport) => this.committed(report);
    if (workers) workers.onCommits(committed);
    else this.restore = watchBuilderCommits(committed);
    this.subscription = await bus.subscribe({
      topic: CDP_PROFILE_EVENTS_TOPIC,
      group,
      handler: async (batch) => {
        const at = now();
        for (const delivered of batch) {
          // From the headers, as the suite's consumers read it: the value is not parsed.
          const processed = processedEventOf(delivered);
          if (!processed) continue;
          const found = this.locate(processed.sourceMessageId);
          found?.phase.seen(found.index, at);
        }
      },
    });
  }

  /** A builder transaction committed: its messages are visible from `at`. */
  private committed(report: CommitReport): void {
    let phase: Phase | undefined;
    for (const messageId of report.messageIds) {
      const found = this.locate(messageId);
      found?.phase.committed(found.index, report.at);
      phase ??= found?.phase;
    }
    phase?.chunks.push([report.messages, report.at - report.started]);
  }

  private locate(messageId: string): { phase: Phase; index: number } | undefined {
    const prefix = messageId.slice(0, messageId.lastIndexOf('-'));
    const phase = this.phases.get(prefix);
    const index = phase && messageIndex(messageId, prefix);
    return phase && index !== undefined ? { phase, index } : undefined;
  }

  track(phase: Phase): void {
    this.phases.set(phase.prefix, phase);
  }

  async stop(): Promise<void> {
    this.restore?.();
    await this.subscription?.stop();
  }
}
