/**
 * Where the end-to-end latency of the flows benchmark goes, stage by stage: the Segment 200, the
 * profile builder's transaction starting and committing (watchBuilderCommits; the sender uses each
 * event's bench id as its messageId), the `Message Processed` event reaching the flow triggers
 * (TriggerConsumer.handleBatch called), the runs started (it returning), and the webhook arriving.
 * Watches this process only: stages run by a `--split-roles` child are not seen.
 */
import { TriggerConsumer } from '@orchestrator/flows/server';
import { watchBuilderCommits } from './builder-commits.ts';
import { summarizeLatencies } from './latency-summary.ts';

const now = () => performance.timeOrigin + performance.now();

type Stage = 'building' | 'visible' | 'triggerReceived' | 'runStarted';

export class EndToEndStages {
  private readonly at: Record<Stage, Map<string, number>> = {
    building: new Map(),
    visible: new Map(),
    triggerReceived: new Map(),
    runStarted: new Map(),
  };
  private readonly undo: Array<() => void> = [];

  /** Starts noting the stages of every bench event; `stop()` puts the methods back. */
  static watch(): EndToEndStages {
    const stages = new EndToEndStages();
    stages.undo.push(
      watchBuilderCommits((report) => {
        stages.note('building', report.messageIds, report.started);
        stages.note('visible', report.messageIds, report.at);
      }),
    );
    const consumer = TriggerConsumer.prototype;
    const handleBatch = consumer.handleBatch;
    consumer.handleBatch = async function (batch) {
      const ids = batch.map(
        (delivered) => (delivered.value as { message?: { messageId?: string } } | null)?.message?.messageId,
      );
      stages.note('triggerReceived', ids, now());
      await handleBatch.call(this, batch);
      stages.note('runStarted', ids, now());
    };
    stages.undo.push(() => void (consumer.handleBatch = handleBatch));
    return stages;
  }

  stop(): void {
    for (const undo of this.undo.splice(0)) undo();
  }

  private note(stage: Stage, ids: ReadonlyArray<string | undefined>, at: number): void {
    for (const id of ids) {
      if (id !== undefined && !this.at[stage].has(id)) this.at[stage].set(id, at);
    }
  }

  /** p50/p99 of each step between stages, for the events accepted at `acceptedAt` that arrived. */
  breakdown(acceptedAt: ReadonlyMap<string, number>, arrivals: ReadonlyMap<string, number>) {
    const { building, visible, triggerReceived, runStarted } = this.at;
    const steps: Array<[string, ReadonlyMap<string, number>, ReadonlyMap<string, number>]> = [
      ['accepted → at the profile builder', acceptedAt, building],
      ['its transaction (→ visible)', building, visible],
      ['visible → at the triggers', visible, triggerReceived],
      ['triggers → run started', triggerReceived, runStarted],
      ['run started → webhook', runStarted, arrivals],
    ];
    return steps.map(([step, from, to]) => {
      const gaps = [...acceptedAt.keys()].flatMap((id) => {
        const start = from.get(id);
        const end = to.get(id);
        return start === undefined || end === undefined ? [] : [end - start];
      });
      const { count, p50Ms, p99Ms } = summarizeLatencies(gaps);
      return { step, count, p50Ms, p99Ms };
    });
  }
}
