-- Retention of the Postgres event log (shared/src/bus/pg-log-retention.ts). A consumer group holds back
-- pruning of a partition only while it is alive: `seen_at` is renewed with the group's lease on the
-- partition, and a group unseen for longer than the retention period stops protecting its backlog.
-- Existing rows start as seen now, so nothing is pruned from under a group that was running before.

ALTER TABLE bus_consumer_offsets ADD COLUMN seen_at timestamptz NOT NULL DEFAULT now();
