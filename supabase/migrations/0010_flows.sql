-- Automations (flows): drafts, immutable published versions, runs with their steps, and the durable
-- executor's work queue. Every table has tenant_id, RLS and a tenant_isolation policy, like 0001;
-- children reference their parent together with tenant_id. Workers (triggers, scheduler, executor)
-- work across tenants in system transactions; the API works in tenant transactions.

CREATE TABLE flows (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- The draft the editor loads: React Flow's {nodes, edges}; may be invalid.
  graph jsonb NOT NULL DEFAULT '{"nodes": [], "edges": []}' CHECK (jsonb_typeof(graph) = 'object'),
  settings jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(settings) = 'object'),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'paused')),
  -- The version taking new runs (NULL until first published) and the newest one ever published.
  active_version integer,
  latest_version integer,
  -- HMAC-SHA256 key of the flow's outgoing webhooks (X-Orchestrator-Signature).
  signing_secret text NOT NULL CHECK (length(signing_secret) >= 24),
  created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  updated_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  UNIQUE (tenant_id, id),
  CHECK (active_version IS NULL OR active_version <= latest_version)
);
CREATE INDEX flows_tenant_idx ON flows (tenant_id, updated_at DESC, id);

-- Published versions never change (the app role may only insert and read them): a run executes the
-- graph and settings of the version it started on, whatever is published later.
CREATE TABLE flow_versions (
  tenant_id uuid NOT NULL,
  flow_id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  graph jsonb NOT NULL,
  settings jsonb NOT NULL,
  published_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  published_by uuid,
  PRIMARY KEY (flow_id, version),
  FOREIGN KEY (tenant_id, flow_id) REFERENCES flows (tenant_id, id) ON DELETE CASCADE
);

-- Bumped whenever a tenant's set of live triggers changes (publish, pause, resume, delete): trigger
-- consumers in any process cache a tenant's triggers and reload them when this moves. A workspace gets
-- its row with its first flow; the consumer skips the events of workspaces without one.
CREATE TABLE flow_trigger_generations (
  tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  generation bigint NOT NULL DEFAULT 1
);

-- One run of one version for one profile. The run row is also the executor's work item: it is due
-- when next_at <= now (a new run, a finished step to follow, a due timer or retry, an arrived event);
-- a worker claims it FOR UPDATE SKIP LOCKED, moves next_at forward by a lease and stamps claim_token;
-- every later write checks the token, so a worker that lost its lease cannot write over another.
CREATE TABLE flow_runs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  flow_id uuid NOT NULL,
  -- 0 for a test run of the draft (its graph is frozen in test_graph).
  version integer NOT NULL CHECK (version >= 0),
  profile_id uuid,
  status text NOT NULL DEFAULT 'running'
    CHECK (status IN ('running', 'waiting', 'completed', 'failed', 'cancelled', 'exited')),
  test boolean NOT NULL DEFAULT false,
  test_graph jsonb,
  test_settings jsonb,
  "trigger" jsonb NOT NULL,
  -- The triggering event's bus id (or schedule fire): a redelivered event never starts a second run.
  dedupe_key text,
  -- The version's goal event, copied for the consumer's exit query.
  goal_event text,
  current_node_id text,
  resume_at timestamptz,
  -- The event that woke a run waiting for one (handed to the waiting node), cleared when it moves on.
  resume_event jsonb,
  error text,
  next_at timestamptz,
  claim_token uuid,
  started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  finished_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (tenant_id, id),
  UNIQUE (flow_id, dedupe_key),
  FOREIGN KEY (tenant_id, flow_id) REFERENCES flows (tenant_id, id) ON DELETE CASCADE,
  CHECK (version > 0 OR (test AND test_graph IS NOT NULL))
);
-- The executor's claim: due work only (finished runs and runs waiting for an event without timer drop out).
CREATE INDEX flow_runs_due_idx ON flow_runs (next_at) WHERE next_at IS NOT NULL;
CREATE INDEX flow_runs_flow_idx ON flow_runs (flow_id, started_at DESC, id DESC);
CREATE INDEX flow_runs_flow_status_idx ON flow_runs (flow_id, status, started_at DESC, id DESC);
-- Goal exits: live runs of a profile.
CREATE INDEX flow_runs_live_profile_idx ON flow_runs (tenant_id, profile_id)
  WHERE status IN ('running', 'waiting');

-- Each execution of a node on a run. `visit` counts executions of the node on that run (a re-run from
-- a failed node is a new visit), so `${run_id}:${node_id}:${visit}` is a stable idempotency key across
-- retries and restarts. A step stays `running` (or `waiting`) until its outcome is recorded.
CREATE TABLE flow_steps (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Insertion order: the run's timeline (timestamps tie when steps follow each other within a millisecond).
  seq bigint GENERATED ALWAYS AS IDENTITY,
  tenant_id uuid NOT NULL,
  run_id uuid NOT NULL,
  node_id text NOT NULL,
  node_type text NOT NULL,
  visit integer NOT NULL DEFAULT 1 CHECK (visit >= 1),
  status text NOT NULL DEFAULT 'running'
    CHECK (status IN ('running', 'waiting', 'succeeded', 'failed', 'skipped')),
  input jsonb,
  output jsonb,
  error text,
  handle text,
  attempts integer NOT NULL DEFAULT 0,
  idempotency_key text NOT NULL,
  next_attempt_at timestamptz,
  started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  finished_at timestamptz,
  UNIQUE (run_id, node_id, visit),
  FOREIGN KEY (tenant_id, run_id) REFERENCES flow_runs (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX flow_steps_run_idx ON flow_steps (run_id, seq);
CREATE INDEX flow_steps_node_idx ON flow_steps (tenant_id, node_id, status);

-- Entry rules: how often each profile entered each flow (checked and updated atomically on trigger).
CREATE TABLE flow_entries (
  tenant_id uuid NOT NULL,
  flow_id uuid NOT NULL,
  profile_id uuid NOT NULL,
  entries integer NOT NULL DEFAULT 0,
  last_entered_at timestamptz,
  PRIMARY KEY (flow_id, profile_id),
  FOREIGN KEY (tenant_id, flow_id) REFERENCES flows (tenant_id, id) ON DELETE CASCADE
);

-- A run waiting for an event of its profile (logic.waitForEvent): the trigger consumer wakes it.
CREATE TABLE flow_event_waits (
  run_id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  profile_id uuid NOT NULL,
  event text NOT NULL,
  properties jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, run_id) REFERENCES flow_runs (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX flow_event_waits_profile_idx ON flow_event_waits (tenant_id, profile_id, event);

-- trigger.schedule of active versions: one row per flow, claimed FOR UPDATE SKIP LOCKED when due.
CREATE TABLE flow_schedules (
  flow_id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  version integer NOT NULL,
  node_id text NOT NULL,
  config jsonb NOT NULL,
  next_fire_at timestamptz,
  FOREIGN KEY (tenant_id, flow_id) REFERENCES flows (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX flow_schedules_due_idx ON flow_schedules (next_fire_at) WHERE next_fire_at IS NOT NULL;

ALTER TABLE flows ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON flows
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE flow_versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON flow_versions
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE flow_trigger_generations ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON flow_trigger_generations
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE flow_runs ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON flow_runs
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE flow_steps ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON flow_steps
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE flow_entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON flow_entries
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE flow_event_waits ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON flow_event_waits
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE flow_schedules ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON flow_schedules
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON flows TO orchestrator_app;
GRANT SELECT, INSERT ON flow_versions TO orchestrator_app;
GRANT SELECT, INSERT, UPDATE ON flow_trigger_generations TO orchestrator_app;
GRANT SELECT, INSERT, UPDATE ON flow_runs TO orchestrator_app;
GRANT SELECT, INSERT, UPDATE ON flow_steps TO orchestrator_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON flow_entries TO orchestrator_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON flow_event_waits TO orchestrator_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON flow_schedules TO orchestrator_app;
