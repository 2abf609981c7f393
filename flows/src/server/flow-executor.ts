import { ProfileReader } from '@orchestrator/cdp/client';
import type { Logger } from '@orchestrator/shared/logging';
import type { Clock, Database } from '@orchestrator/shared/ports';
import type { FlowEvent } from '../contracts/index.ts';
import {
  eventMatchesProperties,
  type NodeOutcome,
  type ProfileSnapshot,
  type Resumption,
  type RunInfo,
} from '../domain/index.ts';
import { isPermanentNodeError } from '../domain/node-errors.ts';
import { nodeTypeOf, parsedConfigOf } from '../domain/node-registry.ts';
import { NO_RETRY, retryDelay } from '../domain/retry-backoff.ts';
import { stepInputOf } from './step-input.ts';
import type { RunServicesDependencies } from './run-node-services.ts';
import { runNodeServices } from './run-node-services.ts';
import { RunGraphs, type RunGraph } from './run-graphs.ts';
import { RunStore, type ClaimedRun } from './run-store.ts';
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
    const steps = await database.systemTx((tx) => this.store.stepOutputs(tx, run.id));
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
    let nodeId = run.currentNodeId;
    let resumeEvent = run.resumeEvent;
    for (let executed = 0; executed < MAX_STEPS_PER_CLAIM; executed += 1) {
      if (nodeId === null) {
        await database.systemTx((tx) =>
          this.store.failRun(tx, run, 'The run has no current step', clock.now()),
        );
        return;
      }
      const next = await this.executeNode(run, loaded, nodeId, resumeEvent, {
        info,
        profile,
        steps,
        services,
      });
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

  /** Executes one node and records it; returns the next node to execute now, if any. */
  private async executeNode(
    run: ClaimedRun,
    loaded: RunGraph,
    nodeId: string,
    resumeEvent: FlowEvent | null,
    scope: {
      info: RunInfo;
      profile: ProfileSnapshot | null;
      steps: Record<string, unknown>;
      services: ReturnType<typeof runNodeServices>;
    },
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
    const input = stepInputOf(definition.category, config, run.trigger, scope);
    const step = await database.systemTx((tx) =>
      this.store.openStep(tx, run, node, input, clock.now(), this.leaseMs),
    );
    if (!step) return undefined;
    const resumed: Resumption | undefined =
      step.status === 'waiting'
        ? resumeEvent
          ? { reason: 'event', event: resumeEvent }
          : { reason: 'timer' }
        : undefined;

    let outcome: NodeOutcome | undefined;
    let failure: unknown;
    try {
      outcome = definition.execute
        ? await definition.execute({
            config,
            run: scope.info,
            nodeId,
            trigger: run.trigger,
            profile: scope.profile,
            steps: scope.steps,
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
    } catch (error) {
      failure = error;
    }
    const now = clock.now();
    const report = (label: string) => this.options.onStep?.({ runId: run.id, nodeId, outcome: label });

    if (failure !== undefined || !outcome) {
      const message = failure instanceof Error ? failure.message : String(failure);
      const delay = isPermanentNodeError(failure)
        ? null
        : retryDelay(definition.retry ?? NO_RETRY, step.attempts, this.options.random);
      if (delay !== null) {
        await database.systemTx((tx) =>
          this.store.scheduleRetry(tx, run, step, message, new Date(now.getTime() + delay), now),
        );
        report('retry');
        return undefined;
      }
      const errorTarget = loaded.graph.target(nodeId, 'error');
      const recorded = await database.systemTx((tx) =>
        this.store.completeStep(
          tx,
          run,
          step,
          { status: 'failed', handle: errorTarget ? 'error' : null, error: message },
          errorTarget
            ? { kind: 'next', nodeId: errorTarget }
            : { kind: 'finish', status: 'failed', error: message },
          now,
        ),
      );
      report('failed');
      return recorded ? errorTarget : undefined;
    }

    switch (outcome.kind) {
      case 'continue': {
        const target = loaded.graph.target(nodeId, outcome.handle);
        const result = { status: 'succeeded' as const, handle: outcome.handle, output: outcome.output };
        const recorded = await database.systemTx((tx) =>
          this.store.completeStep(
            tx,
            run,
            step,
            result,
            target ? { kind: 'next', nodeId: target } : { kind: 'finish', status: 'completed' },
            now,
          ),
        );
        if (recorded) scope.steps[nodeId] = outcome.output ?? null;
        report('continue');
        return recorded ? target : undefined;
      }
      case 'wait': {
        const wait = outcome;
        await database.systemTx(async (tx) => {
          if (!(await this.store.parkStep(tx, run, step, wait, now))) return;
          // An event that arrived while this step ran was not waited for yet: look for it now.
          if (wait.forEvent && scope.info.profileId) {
            const forEvent = wait.forEvent;
            const candidates = await this.reader.eventsSince(tx, {
              profileId: scope.info.profileId,
              event: forEvent.event,
              since: step.startedAt,
            });
            const found = candidates.find((candidate) =>
              eventMatchesProperties(candidate.properties, forEvent.properties),
            );
            if (found) {
              const event: FlowEvent = {
                id: `wait:${found.messageId}`,
                event: found.event,
                profileId: scope.info.profileId,
                messageId: found.messageId,
                timestamp: found.timestamp,
                properties: found.properties,
                context: {},
              };
              if (await this.store.wakeWithEvent(tx, run.id, event, now)) tx.afterCommit(this.kick);
            }
          }
          if (wait.until && wait.until.getTime() <= now.getTime()) tx.afterCommit(this.kick);
        });
        report('wait');
        return undefined;
      }
      case 'exit': {
        await database.systemTx((tx) =>
          this.store.completeStep(
            tx,
            run,
            step,
            { status: 'succeeded', handle: null, output: outcome.output },
            { kind: 'finish', status: 'exited' },
            now,
          ),
        );
        report('exit');
        return undefined;
      }
    }
  }
}
