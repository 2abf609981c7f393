import { apiClient } from '@orchestrator/shared/api-client';
import { NodeRunCountsSchema, RunListSchema, RunSchema, RunWithStepsSchema } from '../../contracts/index.ts';
import type { Run, RunStatus, RunWithSteps, TestRunRequest } from '../../contracts/index.ts';
import { flowApiPath, runApiPath } from './flow-paths.ts';
import { query } from './query.ts';

/** The version number test runs carry: they run the draft, not a published version. */
export const TEST_RUN_VERSION = 0;

export type NodeRunCounts = Record<string, { succeeded: number; waiting: number; failed: number }>;

export function listRuns(
  flowId: string,
  params: { cursor?: string; limit: number; status?: RunStatus },
  signal: AbortSignal,
): Promise<{ items: Run[]; nextCursor: string | null }> {
  return apiClient.get(`${flowApiPath(flowId)}/runs${query(params)}`, RunListSchema, { signal });
}

export function fetchRun(runId: string, signal?: AbortSignal): Promise<RunWithSteps> {
  return apiClient.get(runApiPath(runId), RunWithStepsSchema, { signal });
}

export function fetchNodeCounts(
  flowId: string,
  version: number,
  signal: AbortSignal,
): Promise<NodeRunCounts> {
  return apiClient.get(`${flowApiPath(flowId)}/node-counts${query({ version })}`, NodeRunCountsSchema, {
    signal,
  });
}

export function cancelRun(runId: string): Promise<Run> {
  return apiClient.post(`${runApiPath(runId)}/cancel`, {}, RunSchema);
}

/** Starts again from the failed step, on the run's own version, with the outputs it already had. */
export function rerunFromFailed(runId: string): Promise<Run> {
  return apiClient.post(`${runApiPath(runId)}/rerun`, {}, RunSchema);
}

export function startTestRun(flowId: string, request: TestRunRequest): Promise<Run> {
  return apiClient.post(`${flowApiPath(flowId)}/test-runs`, request, RunSchema);
}
