import type { Tx } from '@orchestrator/shared/ports';
import type { FlowEvent } from '../contracts/index.ts';
import { eventMatchesProperties, type NodeOutcome } from '../domain/index.ts';
import { ProfileReader } from '@orchestrator/cdp/client';
import { lockEventWaits } from './event-wait-lock.ts';
import type { CompiledGraph } from './run-graphs.ts';
import type { ClaimedRun } from './run-claims.ts';
import type { OpenStep, RunStore } from './run-store.ts';
import type { RunMove, StepResult } from './run-moves.ts';

/** How one execution of a node is written down, and where the run goes on from. */
export interface StepRecording {
  /** Writes the step's result and moves the run, fenced by its claim; false when the claim was lost. */
  record(tx: Tx, step: OpenStep): Promise<boolean>;
  /** The node to execute next in this claim, if the run goes straight on. */
  next?: string;
  /** The step's output, for later steps' templates (continue only). */
  output?: unknown;
  label: 'continue' | 'wait' | 'exit' | 'retry' | 'failed';
  /** The step's result and the run's move, when recording is nothing more (the executor batches these). */
  completion?: Completion;
}

export interface Completion {
  result: Omit<StepResult, 'id'>;
  move: RunMove;
}

const reader = new ProfileReader();

/**
 * The recording of a node's outcome: a handle followed (or the end of the path: the run completes),
 * a wait parked (timer and/or event subscription, re-checking for an event that arrived meanwhile),
 * an exit; or of a failure: a retry at `retryAt`, else the `error` handle if connected, else a failed run.
 */
export function stepRecording(
  store: RunStore,
  context: {
    run: ClaimedRun;
    graph: CompiledGraph;
    nodeId: string;
    profileId: string | null;
    now: Date;
    wake: () => void;
  },
  result: { outcome: NodeOutcome } | { error: string; retryAt: Date | null },
): StepRecording {
  const { run, graph, nodeId, now } = context;
  const completing = (completion: Completion) => ({
    completion,
    record: (tx: Tx, step: OpenStep) =>
      store.completeStep(tx, run, step, completion.result, completion.move, now),
  });
  if ('error' in result) {
    const { error, retryAt } = result;
    if (retryAt) {
      return {
        label: 'retry',
        record: (tx, step) => store.scheduleRetry(tx, run, step, error, retryAt, now),
      };
    }
    const target = graph.target(nodeId, 'error');
    return {
      label: 'failed',
      ...(target ? { next: target } : {}),
      ...completing({
        result: { status: 'failed', handle: target ? 'error' : null, error },
        move: target ? { kind: 'next', nodeId: target } : { kind: 'finish', status: 'failed', error },
      }),
    };
  }
  const { outcome } = result;
  switch (outcome.kind) {
    case 'continue': {
      const target = graph.target(nodeId, outcome.handle);
      return {
        label: 'continue',
        output: outcome.output ?? null,
        ...(target ? { next: target } : {}),
        ...completing({
          result: { status: 'succeeded', handle: outcome.handle, output: outcome.output },
          move: target ? { kind: 'next', nodeId: target } : { kind: 'finish', status: 'completed' },
        }),
      };
    }
    case 'exit':
      return {
        label: 'exit',
        ...completing({
          result: { status: 'succeeded', handle: null, output: outcome.output },
          move: { kind: 'finish', status: 'exited' },
        }),
      };
    case 'wait':
      return {
        label: 'wait',
        async record(tx, step) {
          if (!(await store.parkStep(tx, run, step, outcome, now))) return false;
          if (outcome.until && outcome.until.getTime() <= now.getTime()) tx.afterCommit(context.wake);
          const forEvent = outcome.forEvent;
          if (!forEvent || !context.profileId) return true;
          // An event that arrived while the step ran was not waited for yet: look for it now, under the
          // lock that makes a consumer of this profile's events either already done or wait for us.
          await lockEventWaits(tx, run.tenantId, [context.profileId]);
          const candidates = await reader.eventsSince(tx, {
            profileId: context.profileId,
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
              profileId: context.profileId,
              messageId: found.messageId,
              timestamp: found.timestamp,
              properties: found.properties,
              context: {},
            };
            if (await store.wakeWithEvent(tx, run.id, event, now)) tx.afterCommit(context.wake);
          }
          return true;
        },
      };
  }
}
