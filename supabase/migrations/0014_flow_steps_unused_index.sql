-- flow_steps_node_idx (tenant_id, node_id, status) served no query: steps are read by run
-- (flow_steps_run_idx) and by run, node and visit (the unique key). Every step paid for it on insert,
-- and since it covers `status`, every step's completion was an update that could not be HOT and so
-- rewrote all of the table's indexes.
DROP INDEX IF EXISTS flow_steps_node_idx;
