import { z } from 'zod';
import { apiClient } from '@orchestrator/shared/api-client';
import {
  MergeSchema,
  ProfileEventSchema,
  ProfileSchema,
  SourceListResponseSchema,
} from '../../contracts/index.ts';
import type { Merge, Profile, ProfileEvent } from '../../contracts/index.ts';

const API = '/api/v1/cdp';

/** Where the module is mounted by the shell; the pages link to each other with absolute paths. */
export const CUSTOMERS_PATH = '/customers';
export const SOURCES_PATH = `${CUSTOMERS_PATH}/sources`;

export function customerPath(profileId: string): string {
  return `${CUSTOMERS_PATH}/${encodeURIComponent(profileId)}`;
}

const ProfilePageSchema = z.object({ items: z.array(ProfileSchema), nextCursor: z.string().nullable() });
export type ProfilePage = z.infer<typeof ProfilePageSchema>;

const ProfileEventPageSchema = z.object({
  items: z.array(ProfileEventSchema),
  nextCursor: z.string().nullable(),
});
export type ProfileEventPage = z.infer<typeof ProfileEventPageSchema>;

const MergeListSchema = z.object({ items: z.array(MergeSchema) });

// The undo answer is not needed: the page reloads what it shows.
const AnyAnswerSchema = z.unknown();

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function fetchProfiles(
  params: { q: string; cursor: string | undefined; limit: number },
  signal: AbortSignal,
): Promise<ProfilePage> {
  return apiClient.get(`${API}/profiles${query(params)}`, ProfilePageSchema, { signal });
}

export function fetchProfile(profileId: string, signal: AbortSignal): Promise<Profile> {
  return apiClient.get(`${API}/profiles/${encodeURIComponent(profileId)}`, ProfileSchema, { signal });
}

export function fetchProfileEvents(
  profileId: string,
  cursor: string | undefined,
  signal: AbortSignal,
): Promise<ProfileEventPage> {
  return apiClient.get(
    `${API}/profiles/${encodeURIComponent(profileId)}/events${query({ cursor, limit: 20 })}`,
    ProfileEventPageSchema,
    { signal },
  );
}

export async function fetchMerges(profileId: string, signal: AbortSignal): Promise<Merge[]> {
  const { items } = await apiClient.get(
    `${API}/profiles/${encodeURIComponent(profileId)}/merges`,
    MergeListSchema,
    { signal },
  );
  return items;
}

export async function undoMerge(mergeId: string): Promise<void> {
  await apiClient.post(`${API}/merges/${encodeURIComponent(mergeId)}/undo`, {}, AnyAnswerSchema);
}

/** Names of the workspace's sources by id, for labelling timeline events; empty if they cannot load. */
export async function fetchSourceNames(signal: AbortSignal): Promise<Map<string, string>> {
  try {
    const { items } = await apiClient.get(`${API}/sources`, SourceListResponseSchema, { signal });
    return new Map(items.map((source) => [source.id, source.name]));
  } catch (error) {
    if (signal.aborted) throw error;
    return new Map();
  }
}

export type { Merge, Profile, ProfileEvent };
