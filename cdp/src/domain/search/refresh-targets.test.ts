import { describe, expect, it } from 'vitest';
import { profilesToRefresh } from './refresh-targets.ts';

const a = '0f8fad5b-d9cb-469f-a165-70867728950e';
const b = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const c = '16fd2706-8baf-433b-82eb-8c7fada847da';

describe('profilesToRefresh', () => {
  it('takes the profile of processed messages and created profiles', () => {
    expect(profilesToRefresh({ type: 'Message Processed', profileId: a, message: {} })).toEqual([a]);
    expect(profilesToRefresh({ type: 'Profile Created', profileId: a })).toEqual([a]);
  });

  it('takes the survivor and the absorbed profiles of a merge, and both sides of an undo', () => {
    expect(profilesToRefresh({ type: 'Profiles Merged', profileId: a, absorbedIds: [b, c, b] })).toEqual([
      a,
      b,
      c,
    ]);
    expect(profilesToRefresh({ type: 'Merge Undone', profileId: a, restoredId: b })).toEqual([a, b]);
  });

  it('refreshes nothing for unattributed messages or malformed events, and follows unknown types', () => {
    expect(profilesToRefresh({ type: 'Message Processed', profileId: null })).toEqual([]);
    expect(profilesToRefresh(null)).toEqual([]);
    expect(profilesToRefresh('x')).toEqual([]);
    expect(profilesToRefresh({ profileId: 'not-a-uuid', absorbedIds: 'nope' })).toEqual([]);
    expect(profilesToRefresh({ type: 'Profile Deleted', profileId: a.toUpperCase() })).toEqual([a]);
  });

  it('ignores segment membership changes, which no document shows', () => {
    expect(profilesToRefresh({ type: 'Segment Entered', profileId: a, segmentId: b })).toEqual([]);
    expect(profilesToRefresh({ type: 'Segment Exited', profileId: a, segmentId: b })).toEqual([]);
  });
});
