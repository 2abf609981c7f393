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

/** The subset of Kestra's REST API the suite uses. */
export interface KestraApi {
  listFlows(namespace: string): Promise<KestraFlow[]>;
  triggerExecution(
    namespace: string,
    flowId: string,
    inputs: Record<string, string>,
  ): Promise<KestraExecution>;
  getExecution(executionId: string): Promise<KestraExecution>;
}
