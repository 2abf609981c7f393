import { z } from 'zod';
import { apiClient } from '@orchestrator/shared/api-client';
import {
  CatalogSchema,
  FlowExportSchema,
  FlowListSchema,
  FlowSchema,
  FlowVersionSchema,
  FlowVersionSummarySchema,
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
  UpdateFlow,
} from '../../contracts/index.ts';
import { FLOWS_API, flowApiPath } from './flow-paths.ts';
import { query } from './query.ts';

const FlowListResponse = FlowListSchema;
const VersionListSchema = z.object({ items: z.array(FlowVersionSummarySchema) });

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

export function publishFlow(flowId: string): Promise<{ version: number }> {
  return apiClient.post(`${flowApiPath(flowId)}/publish`, {}, PublishResultSchema);
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
