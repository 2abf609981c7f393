import type { KestraFlowFixture } from '../fixtures/kestra-demo-flows.ts';

type ExecutionState = 'CREATED' | 'RUNNING' | 'SUCCESS';

interface StateJson {
  current: ExecutionState;
  histories: { state: ExecutionState; date: string }[];
  startDate: string;
  endDate?: string;
}

/** One simulated execution: its public JSON plus how far it has progressed. */
interface SimulatedExecution {
  flow: KestraFlowFixture;
  id: string;
  inputs: Record<string, unknown>;
  tenantId: string;
  /** 0 = CREATED; 1..n = task n-1 running; n+1 = SUCCESS. */
  step: number;
  state: StateJson;
  taskStates: StateJson[];
  taskRunIds: string[];
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Kestra ids are 22 base62 characters (a UUID in base62). */
function kestraId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(22));
  return Array.from(bytes, (byte) => BASE62[byte % 62]).join('');
}

function transition(state: StateJson, next: ExecutionState, date: string): void {
  state.current = next;
  state.histories.push({ state: next, date });
  if (next === 'SUCCESS') state.endDate = date;
}

/**
 * Executions that move one step each time they are read: CREATED → RUNNING (each task in turn) →
 * SUCCESS. Driven by polls rather than timers so tests are deterministic and nothing runs in the background.
 */
export class KestraExecutionSimulator {
  readonly #executions = new Map<string, SimulatedExecution>();

  create(flow: KestraFlowFixture, inputs: Record<string, unknown>, tenantId: string): object {
    const now = new Date().toISOString();
    const execution: SimulatedExecution = {
      flow,
      id: kestraId(),
      inputs,
      tenantId,
      step: 0,
      state: { current: 'CREATED', histories: [{ state: 'CREATED', date: now }], startDate: now },
      taskStates: [],
      taskRunIds: [],
    };
    this.#executions.set(execution.id, execution);
    return this.toJson(execution);
  }

  /** Advances the execution one step and returns it, or `undefined` when the id is unknown. */
  poll(executionId: string): object | undefined {
    const execution = this.#executions.get(executionId);
    if (!execution) return undefined;
    this.advance(execution);
    return this.toJson(execution);
  }

  private advance(execution: SimulatedExecution): void {
    const taskCount = execution.flow.tasks.length;
    if (execution.step > taskCount) return;
    const now = new Date().toISOString();
    execution.step += 1;

    if (execution.step === 1) transition(execution.state, 'RUNNING', now);
    const finishing = execution.step - 2;
    const starting = execution.step - 1;
    const finishingState = execution.taskStates[finishing];
    if (finishingState) transition(finishingState, 'SUCCESS', now);
    if (starting < taskCount) {
      execution.taskRunIds.push(kestraId());
      execution.taskStates.push({
        current: 'CREATED',
        histories: [{ state: 'CREATED', date: now }],
        startDate: now,
      });
      transition(execution.taskStates[starting]!, 'RUNNING', now);
    } else {
      transition(execution.state, 'SUCCESS', now);
    }
  }

  private toJson(execution: SimulatedExecution): object {
    const { flow } = execution;
    return {
      id: execution.id,
      tenantId: execution.tenantId,
      namespace: flow.namespace,
      flowId: flow.id,
      flowRevision: flow.revision,
      inputs: execution.inputs,
      labels: [{ key: 'system.correlationId', value: execution.id }],
      state: structuredClone(execution.state),
      // Kestra leaves the task run list out until the first task starts.
      taskRunList:
        execution.taskStates.length === 0
          ? null
          : execution.taskStates.map((state, index) => ({
              id: execution.taskRunIds[index],
              executionId: execution.id,
              namespace: flow.namespace,
              flowId: flow.id,
              taskId: flow.tasks[index]?.id,
              state: structuredClone(state),
              attempts: [{ state: { current: state.current } }],
            })),
      originalId: execution.id,
      deleted: false,
      metadata: { attemptNumber: 1, originalCreatedDate: execution.state.startDate },
    };
  }
}
