import type { KestraFlowFixture } from '../fixtures/kestra-demo-flows.ts';

type ExecutionState = 'CREATED' | 'RUNNING' | 'SUCCESS';

export interface KestraLabelJson {
  key: string;
  value: string;
}

/** What `GET /executions/search` filters on (the subset the mock supports). */
export interface ExecutionSearch {
  namespace?: { equals: string } | { prefix: string };
  flowId?: string;
  /** Every one of these must be on the execution. */
  labels?: KestraLabelJson[];
  /** 1-based, as Kestra's. */
  page: number;
  size: number;
}

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
  /** The labels given at creation; Kestra adds `system.correlationId` itself. */
  labels: KestraLabelJson[];
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

function matches(execution: SimulatedExecution, filter: ExecutionSearch): boolean {
  const { namespace } = execution.flow;
  if (filter.namespace && 'equals' in filter.namespace && namespace !== filter.namespace.equals) return false;
  // Kestra's namespace prefix takes the namespace itself and those under it, not any string prefix.
  if (
    filter.namespace &&
    'prefix' in filter.namespace &&
    namespace !== filter.namespace.prefix &&
    !namespace.startsWith(`${filter.namespace.prefix}.`)
  ) {
    return false;
  }
  if (filter.flowId !== undefined && execution.flow.id !== filter.flowId) return false;
  return (filter.labels ?? []).every((wanted) =>
    execution.labels.some((label) => label.key === wanted.key && label.value === wanted.value),
  );
}

/**
 * Executions that move one step each time they are read: CREATED → RUNNING (each task in turn) →
 * SUCCESS. Driven by polls rather than timers so tests are deterministic and nothing runs in the background.
 */
export class KestraExecutionSimulator {
  readonly #executions = new Map<string, SimulatedExecution>();

  create(
    flow: KestraFlowFixture,
    inputs: Record<string, unknown>,
    labels: KestraLabelJson[],
    tenantId: string,
  ): object {
    const now = new Date().toISOString();
    const id = kestraId();
    const execution: SimulatedExecution = {
      flow,
      id,
      inputs,
      labels: [...labels, { key: 'system.correlationId', value: id }],
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

  /** Kestra's search: matching executions as they are now (reading them does not advance them). */
  search(filter: ExecutionSearch): { results: object[]; total: number } {
    const matching = [...this.#executions.values()].filter((execution) => matches(execution, filter));
    const start = (filter.page - 1) * filter.size;
    return {
      results: matching.slice(start, start + filter.size).map((execution) => this.toJson(execution)),
      total: matching.length,
    };
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
      labels: structuredClone(execution.labels),
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
