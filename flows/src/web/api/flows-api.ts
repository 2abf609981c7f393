import { z } from 'zod';
import { apiClient, isApiProblem } from '@orchestrator/shared/api-client';
import {
  CatalogSchema,
  FlowExportSchema,
  FlowListSchema,
  FlowSchema,
  FlowVersionSchema,
  FlowVersionSummarySchema,
  GraphProblemSchema,
  PublishResultSchema,
} from '../../contracts/index.ts';
import type {
  Catalog,
  CreateFlow,
  Flow,
  FlowExport,
  FlowListItem,
  FlowVersion,
  FlowVersionSummary,
  GraphProblem,
  UpdateFlow,
} from '../../contracts/index.ts';
import { FLOWS_API, flowApiPath } from './flow-paths.ts';
import { query } from './query.ts';

const FlowListResponse = FlowListSchema;
const VersionListSchema = z.object({ items: z.array(FlowVersionSummarySchema) });
const GraphProblemListSchema = z.array(GraphProblemSchema);

export async function listFlows(
  params: { cursor?: string; limit: number },
  signal: AbortSignal,
): Promise<{ items: FlowListItem[]; nextCursor: string | null }> {
  return apiClient.get(`${FLOWS_API}${query(params)}`, FlowListResponse, { signal });
}

export function createFlow(input: CreateFlow): Promise<Flow> {
  return apiClient.post(FLOWS_API, input, FlowSchema);
}

export function fetchFlow(flowId: string, signal?: AbortSignal): Promise<Flow> {
  return apiClient.get(flowApiPath(flowId), FlowSchema, { signal });
}

/** `PUT`: drafts save even when invalid; the answer carries the draft's problems. */
export function updateFlow(flowId: string, update: UpdateFlow, signal?: AbortSignal): Promise<Flow> {
  return apiClient.put(flowApiPath(flowId), update, FlowSchema, { signal });
}

export function deleteFlow(flowId: string): Promise<void> {
  return apiClient.delete(flowApiPath(flowId));
}

/** Refused with a 422 whose `problems` member lists what to fix: see `refusedGraphProblems`. */
export function publishFlow(flowId: string): Promise<{ version: number }> {
  return apiClient.post(`${flowApiPath(flowId)}/publish`, {}, PublishResultSchema);
}

/**
 * The graph problems a refused publish answered with (its 422 carries them as the `problems` member),
 * or undefined for any other failure.
 */
export function refusedGraphProblems(error: unknown): GraphProblem[] | undefined {
  if (!isApiProblem(error) || error.status !== 422) return undefined;
  return error.member('problems', GraphProblemListSchema);
}

export function setFlowPaused(flowId: string, paused: boolean): Promise<Flow> {
  return apiClient.post(`${flowApiPath(flowId)}/${paused ? 'pause' : 'resume'}`, {}, FlowSchema);
}

export async function listVersions(flowId: string, signal: AbortSignal): Promise<FlowVersionSummary[]> {
  const { items } = await apiClient.get(`${flowApiPath(flowId)}/versions`, VersionListSchema, { signal });
  return items;
}

export function fetchVersion(flowId: string, version: number, signal: AbortSignal): Promise<FlowVersion> {
  return apiClient.get(`${flowApiPath(flowId)}/versions/${version}`, FlowVersionSchema, { signal });
}

export function fetchCatalog(signal: AbortSignal): Promise<Catalog> {
  return apiClient.get(`${FLOWS_API}/catalog`, CatalogSchema, { signal });
}

export function exportFlow(flowId: string): Promise<FlowExport> {
  return apiClient.get(`${flowApiPath(flowId)}/export`, FlowExportSchema);
}

export function importFlow(exported: FlowExport): Promise<Flow> {
  return apiClient.post(`${FLOWS_API}/import`, exported, FlowSchema);
}
