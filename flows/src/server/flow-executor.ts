import { ProfileReader } from '@orchestrator/cdp/client';
import type { Logger } from '@orchestrator/shared/logging';
import type { Clock, Database } from '@orchestrator/shared/ports';
import type { FlowEvent } from '../contracts/index.ts';
import type { NodeOutcome, ProfileSnapshot, Resumption, RunInfo } from '../domain/index.ts';
import { isPermanentNodeError } from '../domain/node-errors.ts';
import { nodeTypeOf, parsedConfigOf } from '../domain/node-registry.ts';
import { NO_RETRY, retryDelay } from '../domain/retry-backoff.ts';
import { stepInputOf } from './step-input.ts';
import type { RunServicesDependencies } from './run-node-services.ts';
import { runNodeServices } from './run-node-services.ts';
import { RunGraphs, type RunGraph } from './run-graphs.ts';
import { RunStore, type ClaimedRun, type OpenStep } from './run-store.ts';
import { stepRecording } from './step-outcome.ts';
import { Wakeup } from './wakeup.ts';

export interface FlowExecutorOptions {
  database: Database;
  clock: Clock;
  logger: Pick<Logger, 'warn' | 'error'>;
  services: Omit<RunServicesDependencies, 'database' | 'clock'>;
  /** How long a claimed run stays invisible to other workers (a crash delays it by this much). */
  leaseMs?: number;
  pollIntervalMs?: number;
  batchSize?: number;
  /** 0..1; retry jitter (tests pass a constant). */
  random?: () => number;
  /** Called after each step is recorded (tests and the bench watch progress through it). */
  onStep?: (event: { runId: string; nodeId: string; outcome: string }) => void;
}

/** Steps one claim may execute before the run goes back to the queue (fairness between runs). */
const MAX_STEPS_PER_CLAIM = 50;

/**
 * The durable executor (role `flows-worker`; several may run). It claims due runs with
 * `FOR UPDATE SKIP LOCKED` and a lease, executes the current node of each with a stable idempotency
 * key (`${runId}:${nodeId}:${visit}`), records the step, and follows the edge of the handle the node
 * left by — all from Postgres, so a killed worker loses nothing: its runs are claimed again when the
 * lease runs out and resume at the step they were in (re-executed under the same key), and waits are
 * rows with a due time, not timers in memory.
 */
export class FlowExecutor {
  private readonly store = new RunStore();
  private readonly reader = new ProfileReader();
  private readonly graphs: RunGraphs;
  private readonly signal = new Wakeup();
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(private readonly options: FlowExecutorOptions) {
    this.graphs = new RunGraphs(options.database);
  }

  /** Wakes the executor now (after a commit that made work due). */
  readonly kick = (): void => this.signal.notify();

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.signal.notify();
    await this.loop;
  }

  private get leaseMs(): number {
    return this.options.leaseMs ?? 60_000;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let worked = 0;
      try {
        worked = await this.runOnce();
      } catch (error) {
        this.options.logger.error({ err: error }, 'flow executor round failed');
      }
      if (worked === 0 && this.running) await this.signal.wait(this.options.pollIntervalMs ?? 500);
    }
  }

  /** One round: claims due runs and advances each as far as it goes; returns how many it claimed. */
  async runOnce(): Promise<number> {
    const now = this.options.clock.now();
    const claimed = await this.options.database.systemTx((tx) =>
      this.store.claim(tx, now, this.leaseMs, this.options.batchSize ?? 50),
    );
    await Promise.all(
      claimed.map((run) =>
        this.advance(run).catch((error) =>
          // The lease runs out and the run is claimed again: at-least-once.
          this.options.logger.error({ err: error, runId: run.id }, 'could not advance a flow run'),
        ),
      ),
    );
    return claimed.length;
  }

  private async advance(run: ClaimedRun): Promise<void> {
    const { database, clock } = this.options;
    const loaded = await this.graphs.of(run);
    if (!loaded) {
      await database.systemTx((tx) => this.store.failRun(tx, run, 'The flow version is gone', clock.now()));
      return;
    }
    const profile = await this.profileOf(run);
    const info: RunInfo = {
      id: run.id,
      flowId: run.flowId,
      version: run.version,
      tenantId: run.tenantId,
      profileId: profile?.id ?? run.profileId,
      test: run.test,
      startedAt: run.startedAt,
    };
    const services = runNodeServices(
      { ...this.options.services, database, clock },
      info,
      loaded.signingSecret,
    );
    const scope = { info, profile, services };
    let nodeId = run.currentNodeId;
    let resumeEvent = run.resumeEvent;
    for (let executed = 0; executed < MAX_STEPS_PER_CLAIM; executed += 1) {
      if (nodeId === null) {
        await database.systemTx((tx) =>
          this.store.failRun(tx, run, 'The run has no current step', clock.now()),
        );
        return;
      }
      const next = await this.executeNode(run, loaded, nodeId, resumeEvent, scope);
      if (next === undefined) return;
      nodeId = next;
      resumeEvent = null;
    }
    await database.systemTx((tx) => this.store.release(tx, run, clock.now()));
  }

  private async profileOf(run: ClaimedRun): Promise<ProfileSnapshot | null> {
    if (!run.profileId) return null;
    const profileId = run.profileId;
    const found = await this.options.database.tenantTx(run.tenantId, (tx) =>
      this.reader.snapshot(tx, profileId),
    );
    return found ? { id: found.id, traits: found.traits, identities: found.identities } : null;
  }

  /**
   * Executes one node and records it; returns the next node to execute now, if any. Actions (and
   * anything retried) open their step first, in its own transaction, so attempts and the running step
   * survive a crash; logic and trigger nodes have no side effects, so their step is written once, with
   * its result (a crash before that simply executes them again).
   */
  private async executeNode(
    run: ClaimedRun,
    loaded: RunGraph,
    nodeId: string,
    resumeEvent: FlowEvent | null,
    scope: { info: RunInfo; profile: ProfileSnapshot | null; services: ReturnType<typeof runNodeServices> },
  ): Promise<string | undefined> {
    const { database, clock } = this.options;
    const node = loaded.graph.node(nodeId);
    const definition = node && nodeTypeOf(node.type);
    const config = node && parsedConfigOf(node);
    if (!node || !definition || !config) {
      const why = !node
        ? `The step ${nodeId} is not in this version`
        : !definition
          ? `Unknown node type ${node.type}`
          : `The configuration of ${nodeId} is invalid`;
      await database.systemTx((tx) => this.store.failRun(tx, run, why, clock.now()));
      return undefined;
    }
    const policy = definition.retry ?? NO_RETRY;
    const input = stepInputOf(definition.category, config, run.trigger, {
      profile: scope.profile,
      steps: run.outputs,
    });
    const instant = definition.category !== 'action' && policy.maxAttempts <= 1 && !run.openNodes.has(nodeId);
    const startedAt = clock.now();
    const visit = (run.visits.get(nodeId) ?? 0) + 1;
    const step: OpenStep | undefined = instant
      ? {
          id: '',
          visit,
          status: 'running',
          attempts: 1,
          idempotencyKey: `${run.id}:${nodeId}:${visit}`,
          startedAt,
        }
      : await database.systemTx((tx) => this.store.openStep(tx, run, node, input, startedAt, this.leaseMs));
    if (!step) return undefined;
    const resumed: Resumption | undefined =
      step.status === 'waiting'
        ? resumeEvent
          ? { reason: 'event', event: resumeEvent }
          : { reason: 'timer' }
        : undefined;

    let result: { outcome: NodeOutcome } | { error: string; retryAt: Date | null };
    try {
      const outcome: NodeOutcome = definition.execute
        ? await definition.execute({
            config,
            run: scope.info,
            nodeId,
            trigger: run.trigger,
            profile: scope.profile,
            steps: run.outputs,
            now: clock.now(),
            idempotencyKey: step.idempotencyKey,
            attempt: step.attempts,
            ...(resumed ? { resumed } : {}),
            stepStartedAt: step.startedAt,
            services: scope.services,
          })
        : {
            kind: 'continue',
            handle: definition.outputs(config)[0]?.id ?? 'next',
            output: run.trigger.properties,
          };
      if (outcome.kind === 'continue') {
        const left = outcome.handle;
        if (!definition.outputs(config).some((handle) => handle.id === left)) {
          throw new Error(`The step left by "${left}", which ${node.type} does not have`);
        }
      }
      result = { outcome };
    } catch (error) {
      const delay = isPermanentNodeError(error)
        ? null
        : retryDelay(policy, step.attempts, this.options.random);
      result = {
        error: error instanceof Error ? error.message : String(error),
        retryAt: delay === null ? null : new Date(clock.now().getTime() + delay),
      };
    }
    const recording = stepRecording(
      this.store,
      {
        run,
        graph: loaded.graph,
        nodeId,
        profileId: scope.info.profileId,
        now: clock.now(),
        wake: this.kick,
      },
      result,
    );
    const recorded = await database
      .systemTx(async (tx) => {
        const written = instant ? await this.store.insertStep(tx, run, node, step, input) : step;
        const moved = await recording.record(tx, written);
        // A lost claim leaves nothing behind: the new holder executes the step itself.
        if (!moved && instant) throw new LostClaimError();
        return moved;
      })
      .catch((error: unknown) => {
        if (error instanceof LostClaimError) return false;
        throw error;
      });
    this.options.onStep?.({ runId: run.id, nodeId, outcome: recording.label });
    if (!recorded) return undefined;
    run.visits.set(nodeId, step.visit);
    run.openNodes.delete(nodeId);
    if (recording.label === 'continue') run.outputs[nodeId] = recording.output;
    return recording.next;
  }
}

class LostClaimError extends Error {}
