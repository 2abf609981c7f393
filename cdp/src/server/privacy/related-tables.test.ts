import { describe, expect, it } from 'vitest';
import {
  deletionOrder,
  erasedByTheirModule,
  profileFilter,
  quoteIdentifier,
  type RelatedTable,
} from './related-tables.ts';

const table = (name: string, references: string[] = [], profileColumns = ['profile_id']): RelatedTable => ({
  name,
  profileColumns,
  exportColumns: ['profile_id'],
  references,
  canSelect: true,
  canDelete: true,
});

describe('related tables', () => {
  it('erases a table before the tables it references', () => {
    const order = deletionOrder([
      table('cdp_profile_documents'),
      table('cdp_segment_memberships', ['cdp_segments_runs']),
      table('cdp_segments_runs', ['cdp_profiles']),
      table('a_votes', ['cdp_segment_memberships']),
    ]).map((related) => related.name);
    expect(order.indexOf('a_votes')).toBeLessThan(order.indexOf('cdp_segment_memberships'));
    expect(order.indexOf('cdp_segment_memberships')).toBeLessThan(order.indexOf('cdp_segments_runs'));
    expect(order).toHaveLength(4);
  });

  it('still orders every table when references form a cycle', () => {
    expect(deletionOrder([table('b', ['a']), table('a', ['b'])]).map((related) => related.name)).toEqual([
      'a',
      'b',
    ]);
  });

  it('quotes catalog names and filters on every profile column', () => {
    expect(quoteIdentifier('we"ird')).toBe('"we""ird"');
    expect(profileFilter(table('t', [], ['profile_id', 'owner_id']))).toBe(
      '"profile_id" = ANY($1::uuid[]) OR "owner_id" = ANY($1::uuid[])',
    );
  });

  it("leaves flows' runs to flows (cancelled and scrubbed on Profile Deleted), and erases the rest here", () => {
    expect(erasedByTheirModule(table('flow_runs'))).toBe(true);
    expect(erasedByTheirModule(table('flow_event_waits'))).toBe(false);
    expect(erasedByTheirModule(table('cdp_segment_memberships'))).toBe(false);
  });
});
