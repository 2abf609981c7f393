/**
 * Where the end-to-end latency of the flows benchmark goes, stage by stage: the Segment 200, the
 * profile builder's transaction (ProfileProcessor.processBatch called, and returning: visible), the `Message Processed` event
 * reaching the flow triggers (TriggerConsumer.handleBatch called), the runs started (it returning),
 * and the webhook arriving. Wraps both methods in this process, so it sees nothing when the workers
 * run in another one (`--split-roles`).
 */
import { ProfileProcessor } from '@orchestrator/cdp/server';
import { TriggerConsumer } from '@orchestrator/flows/server';

const now = () => performance.timeOrigin + performance.now();

type Stage = 'building' | 'visible' | 'triggerReceived' | 'runStarted';

function benchIdOf(message: unknown): string | undefined {
  const id = (message as { properties?: { benchId?: unknown } } | undefined)?.properties?.benchId;
  return typeof id === 'string' ? id : undefined;
}

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
    const processor = ProfileProcessor.prototype;
    const processBatch = processor.processBatch;
    processor.processBatch = async function (tenantId, envelopes) {
      stages.note(
        'building',
        envelopes.map((envelope) => envelope.message),
      );
      const outcomes = await processBatch.call(this, tenantId, envelopes);
      stages.note(
        'visible',
        envelopes.map((envelope) => envelope.message),
      );
      return outcomes;
    };
    const consumer = TriggerConsumer.prototype;
    const handleBatch = consumer.handleBatch;
    consumer.handleBatch = async function (batch) {
      const messages = batch.map((delivered) => (delivered.value as { message?: unknown } | null)?.message);
      stages.note('triggerReceived', messages);
      await handleBatch.call(this, batch);
      stages.note('runStarted', messages);
    };
    stages.undo.push(
      () => void (processor.processBatch = processBatch),
      () => void (consumer.handleBatch = handleBatch),
    );
    return stages;
  }

  stop(): void {
    for (const undo of this.undo.splice(0)) undo();
  }

  private note(stage: Stage, messages: readonly unknown[]): void {
    const at = now();
    for (const message of messages) {
      const id = benchIdOf(message);
      if (id !== undefined && !this.at[stage].has(id)) this.at[stage].set(id, at);
    }
  }

  /** p50/p99 of each step between stages, for the events accepted at `acceptedAt` that arrived. */
  breakdown(acceptedAt: ReadonlyMap<string, number>, arrivals: ReadonlyMap<string, number>) {
    const steps: Array<[string, (id: string) => number | undefined, (id: string) => number | undefined]> = [
      ['accepted → at the profile builder', (id) => acceptedAt.get(id), (id) => this.at.building.get(id)],
      ['its transaction (→ visible)', (id) => this.at.building.get(id), (id) => this.at.visible.get(id)],
      ['visible → at the triggers', (id) => this.at.visible.get(id), (id) => this.at.triggerReceived.get(id)],
      ['triggers → run started', (id) => this.at.triggerReceived.get(id), (id) => this.at.runStarted.get(id)],
      ['run started → webhook', (id) => this.at.runStarted.get(id), (id) => arrivals.get(id)],
    ];
    return steps.map(([step, from, to]) => {
      const gaps = [...acceptedAt.keys()].flatMap((id) => {
        const start = from(id);
        const end = to(id);
        return start === undefined || end === undefined ? [] : [end - start];
      });
      gaps.sort((a, b) => a - b);
      const pick = (p: number) =>
        gaps.length === 0
          ? NaN
          : Math.round(gaps[Math.min(gaps.length - 1, Math.ceil(p * gaps.length) - 1)]! * 10) / 10;
      return { step, count: gaps.length, p50Ms: pick(0.5), p99Ms: pick(0.99) };
    });
  }
}
