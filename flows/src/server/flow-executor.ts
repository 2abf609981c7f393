import { ProfileReader } from '@orchestrator/cdp/client';
import type { Logger } from '@orchestrator/shared/logging';
import { systemQueryable } from '@orchestrator/shared/db';
import type { Clock, Database, Queryable } from '@orchestrator/shared/ports';
import type { FlowEvent } from '../contracts/index.ts';
import type { ProfileSnapshot, Resumption, RunInfo } from '../domain/index.ts';
import { nodeTypeOf, parsedConfigOf } from '../domain/node-registry.ts';
import { NO_RETRY } from '../domain/retry-backoff.ts';
import { stepInputOf } from './step-input.ts';
import { invokeNode } from './node-invocation.ts';
import type { RunServicesDependencies } from './run-node-services.ts';
import { runNodeServices } from './run-node-services.ts';
import { RunGraphs, type RunGraph } from './run-graphs.ts';
import { RunClaims, type ClaimedRun } from './run-claims.ts';
import { RunStore, type InstantStep, type OpenStep } from './run-store.ts';
import { stepRecording } from './step-outcome.ts';
import { TransactionBatcher } from './transaction-batcher.ts';
import { StatementBatcher } from './statement-batcher.ts';
import { writeChains, type ChainWrite } from './instant-step-writes.ts';
import { moveRuns, type MoveWrite } from './run-moves.ts';
import { ClaimLoop } from './claim-loop.ts';

export interface FlowExecutorOptions {
  database: Database;
  clock: Clock;
  logger: Pick<Logger, 'warn' | 'error'>;
  services: Omit<RunServicesDependencies, 'database' | 'clock'>;
  /** How long a claimed run stays invisible to other workers (a crash delays it by this much). */
  leaseMs?: number;
  pollIntervalMs?: number;
  /** Runs claimed per claim statement (default 200). */
  batchSize?: number;
  /**
   * Runs the worker loop advances at once (default 500). Most of a run's time is waiting — on its
   * action, on the group statements it shares — so throughput follows how many are in flight.
   */
  concurrency?: number;
  /** 0..1; retry jitter (tests pass a constant). */
  random?: () => number;
  /** Called after each step is recorded (tests and the bench watch progress through it). */
  onStep?: (event: { runId: string; nodeId: string; outcome: string }) => void;
}

const DEFAULT_CONCURRENCY = 500;
const DEFAULT_BATCH_SIZE = 200;

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
  private readonly claims = new RunClaims();
  private readonly reader = new ProfileReader();
  private readonly graphs: RunGraphs;
  /** The step writes of all runs in flight, committed in groups. */
  private readonly writes: TransactionBatcher;
  /** The two common phases of runs in flight, one multi-row statement per group: open an action after a chain… */
  private readonly chains: StatementBatcher<ChainWrite, { moved: boolean; opened?: OpenStep }>;
  /** …and record a step's result with the run's move. */
  private readonly moves: StatementBatcher<MoveWrite, boolean>;
  private readonly loop: ClaimLoop;

  constructor(private readonly options: FlowExecutorOptions) {
    this.graphs = new RunGraphs(options.database);
    this.writes = new TransactionBatcher(options.database);
    this.chains = new StatementBatcher(options.database, writeChains);
    this.moves = new StatementBatcher(options.database, moveRuns);
    this.loop = new ClaimLoop({
      claim: (limit) => this.claim(limit),
      logger: options.logger,
      concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
      batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
      pollIntervalMs: options.pollIntervalMs ?? 500,
    });
  }

  /** Wakes the executor now (after a commit that made work due). */
  readonly kick = (): void => this.loop.kick();

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  get leaseMs(): number {
    return this.options.leaseMs ?? 60_000;
  }

  /** Room for up to `wanted` runs started already claimed for it (see EagerRuns); how many it grants. */
  reserve(wanted: number): number {
    return this.loop.reserve(wanted);
  }

  cancel(reserved: number): void {
    this.loop.unreserve(reserved);
  }

  /**
   * Advances runs started already claimed for this worker, without a claim, in the room `reserved`.
   * Stopped, it lets their leases go instead, so any worker takes them at once rather than when the
   * lease runs out.
   */
  readonly adopt = (runs: readonly ClaimedRun[], reserved: number): void => {
    const system = systemQueryable(this.options.database);
    const taken = this.loop.isRunning
      ? this.advancesOf(system, runs).then(
          (advances) => this.loop.adopt(advances, reserved),
          (error: unknown) => {
            this.loop.unreserve(reserved);
            throw error;
          },
        )
      : this.claims.releaseAll(system, runs, this.options.clock.now());
    // Either way, a failure leaves the runs to their lease: claimed again when it runs out.
    taken.catch((error) =>
      this.options.logger.error(
        { err: error, runs: runs.length },
        'could not take the runs started for this worker',
      ),
    );
  };

  /** One round: claims due runs and advances each as far as it goes; returns how many it claimed. */
  async runOnce(): Promise<number> {
    const batch = await this.claim(this.options.batchSize ?? DEFAULT_BATCH_SIZE);
    await Promise.all(batch.map((advance) => advance()));
    return batch.length;
  }

  /** Claims due runs (with their profiles) and returns one advance per run, never rejecting. */
  private async claim(limit: number): Promise<Array<() => Promise<void>>> {
    const now = this.options.clock.now();
    // Two statements, each committed on its own: the claim's lease stands by itself, and the profiles
    // are a read. No BEGIN/COMMIT round trips on a path every run takes, often to claim nothing.
    const system = systemQueryable(this.options.database);
    return this.advancesOf(system, await this.claims.claim(system, now, this.leaseMs, limit));
  }

  /** One advance per claimed run, with the profiles read in one statement; advances never reject. */
  private async advancesOf(
    system: Queryable,
    claimed: readonly ClaimedRun[],
  ): Promise<Array<() => Promise<void>>> {
    const ids = claimed.flatMap((run) => (run.profileId ? [run.profileId] : []));
    const profiles = await this.reader.snapshots(system, ids);
    return claimed.map((run) => () => {
      const found = run.profileId ? profiles.get(run.profileId) : undefined;
      const profile = found ? { id: found.id, traits: found.traits, identities: found.identities } : null;
      return this.advance(run, profile).catch((error) =>
        // The lease runs out and the run is claimed again: at-least-once.
        this.options.logger.error({ err: error, runId: run.id }, 'could not advance a flow run'),
      );
    });
  }

  private async advance(run: ClaimedRun, profile: ProfileSnapshot | null): Promise<void> {
    const { database, clock } = this.options;
    const loaded = await this.graphs.of(run);
    if (!loaded) {
      await this.writes.run((tx) => this.store.failRun(tx, run, 'The flow version is gone', clock.now()));
      return;
    }
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
    const scope: RunScope = { info, profile, services, pending: [] };
    let nodeId = run.currentNodeId;
    let resumeEvent = run.resumeEvent;
    for (let executed = 0; executed < MAX_STEPS_PER_CLAIM; executed += 1) {
      if (nodeId === null) {
        await this.writes.run((tx) =>
          this.store.failRun(tx, run, 'The run has no current step', clock.now()),
        );
        return;
      }
      const next = await this.executeNode(run, loaded, nodeId, resumeEvent, scope);
      if (next === undefined) return;
      nodeId = next;
      resumeEvent = null;
    }
    const resumeAt = nodeId;
    if (resumeAt === null) return;
    const pending = scope.pending.splice(0);
    const released = await this.writes.run(async (tx) => {
      if (!(await this.store.writeInstantSteps(tx, run, pending, resumeAt))) return false;
      await this.claims.release(tx, run, clock.now());
      return true;
    });
    // Due again at once: a finished task does not wake the claim loop by itself.
    if (released) this.kick();
  }

  /**
   * Executes one node and records it; returns the next node to execute now, if any.
   * - Actions (and anything retried) open their step first, in its own transaction, so attempts and
   *   the running step survive a crash, and record the result in another.
   * - Logic and trigger nodes have no side effects: a chain of them is executed in memory and written
   *   with the transaction that opens the next action (or ends, parks or fails the run). A crash before
   *   that simply executes them again.
   */
  private async executeNode(
    run: ClaimedRun,
    loaded: RunGraph,
    nodeId: string,
    resumeEvent: FlowEvent | null,
    scope: RunScope,
  ): Promise<string | undefined> {
    const { clock } = this.options;
    const node = loaded.graph.node(nodeId);
    const definition = node && nodeTypeOf(node.type);
    const config = node && parsedConfigOf(node);
    if (!node || !definition || !config) {
      const why = !node
        ? `The step ${nodeId} is not in this version`
        : !definition
          ? `Unknown node type ${node.type}`
          : `The configuration of ${nodeId} is invalid`;
      const pending = scope.pending.splice(0);
      await this.writes.run(async (tx) => {
        if (await this.store.writeInstantSteps(tx, run, pending, nodeId)) {
          await this.store.failRun(tx, run, why, clock.now());
        }
      });
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
    // Taken out once: a write may run twice (alone, after its group failed) and must write the same.
    const pending = instant ? [] : scope.pending.splice(0);
    const leaseUntil = new Date(startedAt.getTime() + this.leaseMs);
    const fresh: OpenStep = {
      id: '',
      visit,
      status: 'running',
      attempts: 1,
      idempotencyKey: `${run.id}:${nodeId}:${visit}`,
      startedAt,
    };
    const step: OpenStep | undefined = instant
      ? fresh
      : pending.length > 0 && !run.openNodes.has(nodeId)
        ? // The common case (a chain of logic steps, then an action): batched with other runs'.
          (
            await this.chains.run({
              run,
              steps: pending,
              nextNodeId: nodeId,
              now: pending[pending.length - 1]!.finishedAt,
              leaseUntil,
              open: { node, step: fresh, input },
            })
          ).opened
        : await this.writes.run(async (tx) =>
            (await this.store.writeInstantSteps(tx, run, pending, nodeId, leaseUntil))
              ? this.store.openStep(tx, run, node, input, startedAt, this.leaseMs, pending.length > 0)
              : undefined,
          );
    if (!step) return undefined;
    const resumed: Resumption | undefined =
      step.status === 'waiting'
        ? resumeEvent
          ? { reason: 'event', event: resumeEvent }
          : { reason: 'timer' }
        : undefined;

    const result = await invokeNode(
      definition,
      {
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
      },
      node.type,
      () => clock.now(),
      this.options.random,
    );
    const now = clock.now();
    const recording = stepRecording(
      this.store,
      { run, graph: loaded.graph, nodeId, profileId: scope.info.profileId, now, wake: this.kick },
      result,
    );
    const done = () => {
      run.visits.set(nodeId, step.visit);
      run.openNodes.delete(nodeId);
      if (recording.label === 'continue') run.outputs[nodeId] = recording.output;
      this.options.onStep?.({ runId: run.id, nodeId, outcome: recording.label });
    };
    if (instant && recording.label === 'continue' && recording.next) {
      scope.pending.push({
        node,
        step,
        input,
        handle: (result as { outcome: { handle: string } }).outcome.handle,
        output: recording.output,
        finishedAt: now,
      });
      done();
      return recording.next;
    }
    const chain = instant ? scope.pending.splice(0) : [];
    const completion = recording.completion;
    const recorded =
      !instant && completion
        ? await this.moves.run({
            run,
            move: completion.move,
            now,
            step: { id: step.id, ...completion.result },
          })
        : await this.writes.run(async (tx) => {
            if (!instant) return recording.record(tx, step);
            // Nothing is written unless the claim still holds (a new holder executes these steps itself).
            const written =
              chain.length > 0
                ? await this.store.openAfterInstantSteps(tx, run, chain, { node, input, startedAt, step })
                : (await this.claims.holdsClaim(tx, run))
                  ? await this.store.insertStep(tx, run, node, step, input)
                  : undefined;
            return written ? recording.record(tx, written) : false;
          });
    if (!recorded) return undefined;
    done();
    return recording.next;
  }
}

interface RunScope {
  info: RunInfo;
  profile: ProfileSnapshot | null;
  services: ReturnType<typeof runNodeServices>;
  /** Logic and trigger steps executed in this claim and not written yet. */
  pending: InstantStep[];
}
