-- CDP sources: one per site, app or module that sends Segment-shaped messages, each with a write key.
-- Write keys are not secrets in Segment's model (they sit in browser JavaScript and show in the UI), so
-- they are stored as they are; rotating replaces the key, and the old one stops working at once.

CREATE TABLE cdp_sources (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  write_key text NOT NULL UNIQUE CHECK (length(write_key) >= 32),
  enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  rotated_at timestamptz
);
CREATE INDEX cdp_sources_tenant_idx ON cdp_sources (tenant_id, created_at);

ALTER TABLE cdp_sources ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON cdp_sources
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON cdp_sources TO orchestrator_app;
