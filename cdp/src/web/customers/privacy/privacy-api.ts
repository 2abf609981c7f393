import { ApiProblem, apiClient, clearSession, getSession } from '@orchestrator/shared/api-client';
import { TENANT_HEADER } from '@orchestrator/shared/contracts';
import { ProfileConsentsSchema } from '../../../contracts/index.ts';
import type { ConsentStatus, ProfileConsents } from '../../../contracts/index.ts';

const API = '/api/v1/cdp';

const profilePath = (profileId: string) => `${API}/profiles/${encodeURIComponent(profileId)}`;

export function fetchConsents(profileId: string, signal: AbortSignal): Promise<ProfileConsents> {
  return apiClient.get(`${profilePath(profileId)}/consent`, ProfileConsentsSchema, { signal });
}

export function updateConsents(
  profileId: string,
  purposes: Record<string, ConsentStatus>,
): Promise<ProfileConsents> {
  return apiClient.put(`${profilePath(profileId)}/consent`, { purposes }, ProfileConsentsSchema);
}

/** GDPR erasure: the profile, everything merged into it and their data. */
export async function deleteProfile(profileId: string): Promise<void> {
  await apiClient.delete(profilePath(profileId));
}

/** `attachment; filename="customer-….json"` → the file name, if it is a plain one. */
export function attachmentFilename(disposition: string | null): string | undefined {
  const match = /filename="([\w.-]+)"/.exec(disposition ?? '');
  return match?.[1];
}

/**
 * Downloads the GDPR export as a file. Not through apiClient, which parses JSON answers: this one is
 * saved as it comes (the browser holds it once, as a Blob, before offering it).
 */
export async function downloadProfileExport(profileId: string): Promise<void> {
  const session = getSession();
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (session) {
    headers.authorization = `Bearer ${session.token}`;
    headers[TENANT_HEADER] = session.tenant.id;
  }
  let response: Response;
  try {
    response = await fetch(`${profilePath(profileId)}/export`, { headers });
  } catch (error) {
    throw ApiProblem.unreachable(error);
  }
  if (!response.ok) {
    const problem = await ApiProblem.fromResponse(response);
    if (response.status === 401 && session) clearSession();
    throw problem;
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download =
    attachmentFilename(response.headers.get('content-disposition')) ?? `customer-${profileId}.json`;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next turn: the click has started the download by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
