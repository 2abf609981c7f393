-- CDP segments (issue 3, item 8): rules in the JSON rule language and the history of memberships.
-- Every table has tenant_id, RLS and a tenant_isolation policy, like 0001 and 0004.

CREATE TABLE cdp_segments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description text CHECK (length(description) <= 2000),
  -- The rule as the domain's SegmentRuleSchema parses it.
  rule jsonb NOT NULL,
  -- The rule has an event condition with a time window: membership can change as time passes, so the
  -- cdp-worker's sweep re-evaluates it every few minutes.
  time_windowed boolean NOT NULL DEFAULT false,
  -- When memberships were last recomputed for every profile (create, rule change, evaluate, sweep).
  evaluated_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id)
);
CREATE UNIQUE INDEX cdp_segments_name_key ON cdp_segments (tenant_id, lower(name));
CREATE INDEX cdp_segments_sweep_idx ON cdp_segments (evaluated_at) WHERE time_windowed;

-- One row per stay of a profile in a segment: exited_at is NULL while it is a member. Closed stays are
-- kept as history. A profile absorbed by a merge leaves its segments (its survivor is evaluated).
CREATE TABLE cdp_segment_memberships (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  segment_id uuid NOT NULL,
  profile_id uuid NOT NULL REFERENCES cdp_profiles (id) ON DELETE CASCADE,
  entered_at timestamptz NOT NULL,
  exited_at timestamptz,
  CHECK (exited_at >= entered_at),
  FOREIGN KEY (tenant_id, segment_id) REFERENCES cdp_segments (tenant_id, id) ON DELETE CASCADE
);
-- At most one open stay per (segment, profile); also "members of a segment".
CREATE UNIQUE INDEX cdp_segment_memberships_open_key ON cdp_segment_memberships (tenant_id, segment_id, profile_id)
  WHERE exited_at IS NULL;
-- Members of a segment, most recent entries first (the members list pages by it).
CREATE INDEX cdp_segment_memberships_members_idx ON cdp_segment_memberships (tenant_id, segment_id, entered_at DESC, profile_id DESC)
  WHERE exited_at IS NULL;
-- Segments of a profile, with history.
CREATE INDEX cdp_segment_memberships_profile_idx ON cdp_segment_memberships (tenant_id, profile_id, entered_at DESC);

ALTER TABLE cdp_segments ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON cdp_segments
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE cdp_segment_memberships ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON cdp_segment_memberships
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON cdp_segments TO orchestrator_app;
-- DELETE: memberships go with their segment (and with a deleted profile).
GRANT SELECT, INSERT, UPDATE, DELETE ON cdp_segment_memberships TO orchestrator_app;
