/**
 * The SQL of a run's `next_at` when a write renews its lease to `leaseUntil` (an expression; NULL keeps
 * the lease). A lease ending within a second of the new one is kept: a write right after a claim (or a
 * start claimed for this worker) then changes no indexed column of `flow_runs`, so PostgreSQL can make
 * it a HOT update — no new entries in the table's seven indexes — on a page with room (0015). The run
 * loses at most a second of a lease of a minute.
 */
export const renewedLeaseSql = (leaseUntil: string): string =>
  `CASE WHEN ${leaseUntil} IS NULL OR r.next_at >= ${leaseUntil} - interval '1 second' THEN r.next_at
        ELSE ${leaseUntil} END`;
