import { apiClient } from '@orchestrator/shared/api-client';
import {
  SourceDebuggerResponseSchema,
  SourceListResponseSchema,
  SourceSchema,
} from '../../contracts/index.ts';
import type { Source, SourceDebuggerResponse } from '../../contracts/index.ts';

const SOURCES_API = '/api/v1/cdp/sources';

/** The page of a source's debugger. */
export function sourceDebuggerPath(sourceId: string): string {
  return `/customers/sources/${encodeURIComponent(sourceId)}/debugger`;
}

export async function listSources(signal: AbortSignal): Promise<Source[]> {
  const { items } = await apiClient.get(SOURCES_API, SourceListResponseSchema, { signal });
  return items;
}

export function createSource(name: string): Promise<Source> {
  return apiClient.post(SOURCES_API, { name }, SourceSchema);
}

export function setSourceEnabled(id: string, enabled: boolean): Promise<Source> {
  return apiClient.patch(`${SOURCES_API}/${encodeURIComponent(id)}`, { enabled }, SourceSchema);
}

export function rotateWriteKey(id: string): Promise<Source> {
  return apiClient.post(`${SOURCES_API}/${encodeURIComponent(id)}/rotate`, undefined, SourceSchema);
}

export function fetchSourceDebugger(id: string, signal: AbortSignal): Promise<SourceDebuggerResponse> {
  return apiClient.get(
    `${SOURCES_API}/${encodeURIComponent(id)}/debugger?limit=100`,
    SourceDebuggerResponseSchema,
    { signal },
  );
}
