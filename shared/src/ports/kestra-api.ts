import { z } from 'zod';

export const KestraExecutionStateSchema = z.enum([
  'CREATED',
  'RUNNING',
  'PAUSED',
  'RESTARTED',
  'KILLING',
  'SUCCESS',
  'WARNING',
  'FAILED',
  'KILLED',
  'CANCELLED',
  'QUEUED',
  'RETRYING',
  'RETRIED',
  'SKIPPED',
  'BREAKPOINT',
]);

export const KestraLabelSchema = z.object({ key: z.string(), value: z.string() });
export type KestraLabel = z.infer<typeof KestraLabelSchema>;

export const KestraExecutionSchema = z.object({
  id: z.string(),
  namespace: z.string(),
  flowId: z.string(),
  flowRevision: z.number().optional(),
  state: z.object({
    current: KestraExecutionStateSchema,
    startDate: z.string().optional(),
    endDate: z.string().optional(),
  }),
  inputs: z.record(z.string(), z.unknown()).optional(),
  /** Kestra adds `system.correlationId` itself; the suite adds its idempotency label. */
  labels: z.array(KestraLabelSchema).nullish(),
  taskRunList: z
    .array(
      z.object({
        id: z.string(),
        taskId: z.string(),
        state: z.object({ current: KestraExecutionStateSchema }),
      }),
    )
    .nullish(),
});
export type KestraExecution = z.infer<typeof KestraExecutionSchema>;

export const KestraFlowSchema = z.object({
  id: z.string(),
  namespace: z.string(),
  revision: z.number().optional(),
  description: z.string().nullish(),
  inputs: z.array(z.object({ id: z.string(), type: z.string() }).loose()).nullish(),
});
export type KestraFlow = z.infer<typeof KestraFlowSchema>;

export const KestraTriggerOptionsSchema = z.object({
  /**
   * Stable across retries of the caller's step. Kestra has no idempotency key for executions started
   * through its API, so an implementation must dedupe itself: a second trigger of the same flow with the
   * same key returns the execution the first one started instead of starting another.
   */
  idempotencyKey: z.string().min(1).max(1_000).optional(),
});
export type KestraTriggerOptions = z.infer<typeof KestraTriggerOptionsSchema>;

/** The subset of Kestra's REST API the suite uses. */
export interface KestraApi {
  listFlows(namespace: string): Promise<KestraFlow[]>;
  triggerExecution(
    namespace: string,
    flowId: string,
    inputs: Record<string, string>,
    options?: KestraTriggerOptions,
  ): Promise<KestraExecution>;
  getExecution(executionId: string): Promise<KestraExecution>;
}
