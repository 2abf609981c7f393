/** Where the shell mounts Automations; pages link to each other with absolute paths. */
export const AUTOMATIONS_PATH = '/automations';

export const FLOWS_API = '/api/v1/flows';

export function flowPath(flowId: string, page: 'edit' | 'runs' = 'edit'): string {
  return `${AUTOMATIONS_PATH}/${encodeURIComponent(flowId)}/${page}`;
}

export function runPath(flowId: string, runId: string): string {
  return `${flowPath(flowId, 'runs')}/${encodeURIComponent(runId)}`;
}

export function flowApiPath(flowId: string): string {
  return `${FLOWS_API}/${encodeURIComponent(flowId)}`;
}

export function runApiPath(runId: string): string {
  return `${FLOWS_API}/runs/${encodeURIComponent(runId)}`;
}
