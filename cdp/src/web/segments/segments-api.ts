import { z } from 'zod';
import { apiClient } from '@orchestrator/shared/api-client';
import {
  ProfileSchema,
  SegmentEvaluationSchema,
  SegmentListResponseSchema,
  SegmentMemberSchema,
  SegmentMembershipListSchema,
  SegmentPreviewSchema,
  SegmentSchema,
  SegmentVocabularySchema,
} from '../../contracts/index.ts';
import type {
  Segment,
  SegmentEvaluation,
  SegmentInput,
  SegmentMember,
  SegmentMembership,
  SegmentPreview,
  SegmentRule,
  SegmentVocabulary,
} from '../../contracts/index.ts';

const API = '/api/v1/cdp';

export const SEGMENTS_PATH = '/customers/segments';
export const NEW_SEGMENT_PATH = `${SEGMENTS_PATH}/new`;

export function segmentPath(segmentId: string): string {
  return `${SEGMENTS_PATH}/${encodeURIComponent(segmentId)}`;
}

const segmentUrl = (segmentId: string) => `${API}/segments/${encodeURIComponent(segmentId)}`;

const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
const MemberPageSchema = pageOf(SegmentMemberSchema);
export type MemberPage = z.infer<typeof MemberPageSchema>;
const ProfilePageSchema = pageOf(ProfileSchema);
export type ProfilePage = z.infer<typeof ProfilePageSchema>;

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export async function listSegments(signal: AbortSignal): Promise<Segment[]> {
  const { items } = await apiClient.get(`${API}/segments`, SegmentListResponseSchema, { signal });
  return items;
}

export function fetchSegment(segmentId: string, signal: AbortSignal): Promise<Segment> {
  return apiClient.get(segmentUrl(segmentId), SegmentSchema, { signal });
}

export function createSegment(input: SegmentInput): Promise<Segment> {
  return apiClient.post(`${API}/segments`, input, SegmentSchema);
}

export function updateSegment(segmentId: string, input: SegmentInput): Promise<Segment> {
  return apiClient.put(segmentUrl(segmentId), input, SegmentSchema);
}

export function deleteSegment(segmentId: string): Promise<void> {
  return apiClient.delete(segmentUrl(segmentId));
}

export function evaluateSegment(segmentId: string): Promise<SegmentEvaluation> {
  return apiClient.post(`${segmentUrl(segmentId)}/evaluate`, {}, SegmentEvaluationSchema);
}

export function previewSegment(rule: SegmentRule, signal: AbortSignal): Promise<SegmentPreview> {
  return apiClient.post(`${API}/segments/preview`, { rule }, SegmentPreviewSchema, { signal });
}

export function fetchMembers(
  segmentId: string,
  cursor: string | undefined,
  signal: AbortSignal,
): Promise<MemberPage> {
  return apiClient.get(`${segmentUrl(segmentId)}/members${query({ cursor, limit: 20 })}`, MemberPageSchema, {
    signal,
  });
}

/** Suggestions for the editor; none (rather than an error) when they cannot load. */
export async function fetchVocabulary(signal: AbortSignal): Promise<SegmentVocabulary> {
  try {
    return await apiClient.get(`${API}/segments/vocabulary`, SegmentVocabularySchema, { signal });
  } catch (error) {
    if (signal.aborted) throw error;
    return { traits: [], events: [] };
  }
}

export async function fetchProfileMemberships(
  profileId: string,
  signal: AbortSignal,
): Promise<SegmentMembership[]> {
  const { items } = await apiClient.get(
    `${API}/profiles/${encodeURIComponent(profileId)}/segments`,
    SegmentMembershipListSchema,
    { signal },
  );
  return items;
}

/** The customer list, optionally only the current members of one segment. */
export function fetchCustomerPage(
  params: { q: string; segment: string; cursor: string | undefined; limit: number },
  signal: AbortSignal,
): Promise<ProfilePage> {
  return apiClient.get(`${API}/profiles${query(params)}`, ProfilePageSchema, { signal });
}

export type { Segment, SegmentMember, SegmentMembership, SegmentPreview, SegmentVocabulary };
