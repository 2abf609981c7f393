import { z } from 'zod';
import type { TestRunRequest } from '../../contracts/index.ts';

export interface TestRunDraft {
  source: 'event' | 'profile';
  event: string;
  properties: string;
  profileId: string;
}

export type TestRunParse =
  { ok: true; request: TestRunRequest } | { ok: false; errors: Partial<Record<keyof TestRunDraft, string>> };

/** What the test-run dialog sends: a sample event with JSON properties (for a profile or not), or a profile. */
export function testRunRequestOf(draft: TestRunDraft): TestRunParse {
  const profileId = draft.profileId.trim();
  const errors: Partial<Record<keyof TestRunDraft, string>> = {};
  if (profileId && !z.uuid().safeParse(profileId).success)
    errors.profileId = 'A profile id looks like 3f2c…-…: copy it from Customers.';
  if (draft.source === 'profile') {
    if (!profileId) errors.profileId = 'Enter the id of the profile to run for.';
    return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, request: { profileId } };
  }
  const event = draft.event.trim();
  if (!event) errors.event = 'Enter the event name the trigger listens to.';
  let properties: Record<string, unknown> = {};
  if (draft.properties.trim()) {
    try {
      const parsed: unknown = JSON.parse(draft.properties);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        errors.properties = 'Properties are a JSON object, e.g. {"plan": "pro"}.';
      } else {
        properties = parsed as Record<string, unknown>;
      }
    } catch (error) {
      errors.properties = `Not valid JSON: ${error instanceof Error ? error.message : 'check the quotes and commas'}.`;
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, request: { event, properties, ...(profileId ? { profileId } : {}) } };
}
