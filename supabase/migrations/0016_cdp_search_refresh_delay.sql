-- Search documents are refreshed a moment after a profile starts changing, not after every change
-- (issue 3, item 9): a visitor's burst of page views or a ticket thread then costs one document and,
-- in staging, one embedding request instead of one per round of the worker. A job is due
-- CDP_SEARCH_REFRESH_DELAY_MS after the request that created it; later requests bump requested_at
-- only, so a profile that keeps changing is still refreshed at that pace, never starved.
ALTER TABLE cdp_embedding_jobs ADD COLUMN due_at timestamptz NOT NULL DEFAULT clock_timestamp();
-- Claimed by due time. requested_at is no longer indexed, so a request for a queued profile (the
-- common one under traffic) can update its row in place (HOT) instead of adding an index entry.
DROP INDEX cdp_embedding_jobs_requested_idx;
CREATE INDEX cdp_embedding_jobs_due_idx ON cdp_embedding_jobs (due_at);
