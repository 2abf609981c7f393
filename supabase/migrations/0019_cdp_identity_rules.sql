-- A workspace's identity rules (Segment's Identity Resolution settings: a limit per identifier type,
-- their priority, which types link events). No row: the built-in defaults. Checked by the API's schema
-- (IdentityRulesSchema); read by the profile builder with its other settings, for every batch.
CREATE TABLE cdp_identity_rules (
  tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  rules jsonb NOT NULL CHECK (jsonb_typeof(rules) = 'object'),
  updated_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE cdp_identity_rules ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON cdp_identity_rules
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON cdp_identity_rules TO orchestrator_app;
