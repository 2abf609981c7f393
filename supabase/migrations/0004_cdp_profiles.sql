-- CDP profiles: the identity graph, unified profiles, the immutable event timeline, reversible merges,
-- per-workspace trait definitions and blocked identifiers, and messages the consumer had to reject.
-- Every table has tenant_id, RLS and a tenant_isolation policy, like 0001.

-- One unified customer. A profile absorbed by a merge keeps its row (with its state at that moment) and
-- points at its survivor through merged_into, so old ids still resolve and the merge can be undone.
CREATE TABLE cdp_profiles (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  -- The domain's ProfileState: every trait with the event time and message that set it, first/last seen.
  state jsonb NOT NULL DEFAULT '{"traits": {}, "firstSeenAt": null, "lastSeenAt": null}',
  -- traitValues(state): plain values, for queries and search.
  traits jsonb NOT NULL DEFAULT '{}',
  first_seen_at timestamptz,
  last_seen_at timestamptz,
  -- Recomputed from cdp_events on every change, never incremented (merges must not double-count).
  event_count int NOT NULL DEFAULT 0,
  merged_into uuid REFERENCES cdp_profiles (id),
  search tsvector GENERATED ALWAYS AS (jsonb_to_tsvector('simple'::regconfig, traits, '["string", "numeric"]')) STORED,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (merged_into IS DISTINCT FROM id)
);
-- The customer list: live profiles, most recently seen first (the sort key is never null).
CREATE INDEX cdp_profiles_list_idx ON cdp_profiles (tenant_id, (coalesce(last_seen_at, created_at)) DESC, id DESC)
  WHERE merged_into IS NULL;
CREATE INDEX cdp_profiles_merged_into_idx ON cdp_profiles (merged_into) WHERE merged_into IS NOT NULL;
CREATE INDEX cdp_profiles_search_idx ON cdp_profiles USING gin (search);

-- The identity graph: each (type, value) belongs to exactly one live profile — except group ids, which
-- every member of a company shares and which never match (the domain attaches them, never merges on them).
CREATE TABLE cdp_identities (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  type text NOT NULL CHECK (type IN ('anonymous_id', 'user_id', 'email', 'phone', 'group_id', 'external_id')),
  value text NOT NULL,
  profile_id uuid NOT NULL REFERENCES cdp_profiles (id),
  first_seen_at timestamptz NOT NULL,
  -- The event whose processing attached it; undo uses it to tell which row came from which side.
  added_by_event_id bigint,
  PRIMARY KEY (tenant_id, type, value, profile_id)
);
CREATE UNIQUE INDEX cdp_identities_owner_key ON cdp_identities (tenant_id, type, value) WHERE type <> 'group_id';
CREATE INDEX cdp_identities_profile_idx ON cdp_identities (tenant_id, profile_id);
-- Search by identity value: an exact e-mail or user id, or a prefix of one.
CREATE INDEX cdp_identities_value_idx ON cdp_identities (tenant_id, lower(value) text_pattern_ops);

-- Orders event processing: taken after a message holds its locks, so two messages that touch the same
-- profile get numbers in the order their effects happened (undo splits events at a merge by it).
CREATE SEQUENCE cdp_processing_seq;

-- Every accepted message, once. The unique key is the dedupe of the exactly-once effect.
CREATE TABLE cdp_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  source_id text NOT NULL,
  message_id text NOT NULL,
  type text NOT NULL,
  -- track: the event name; page/screen: the page name (for the timeline).
  event text,
  -- The live profile it was attributed to when processed; only an undo rewrites it.
  profile_id uuid REFERENCES cdp_profiles (id),
  user_id text,
  anonymous_id text,
  properties jsonb,
  traits jsonb,
  context jsonb,
  -- The message's other fields (name, category, groupId, previousId, sentAt, …): with the columns
  -- above they rebuild the message exactly, so profiles can be recomputed from events.
  extra jsonb NOT NULL DEFAULT '{}',
  -- The identifiers it carried after blocked values were dropped: [{type, value}].
  identifiers jsonb NOT NULL DEFAULT '[]',
  "timestamp" timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  processed_seq bigint,
  UNIQUE (tenant_id, source_id, message_id)
);
CREATE INDEX cdp_events_profile_idx ON cdp_events (tenant_id, profile_id, "timestamp" DESC, id DESC);

-- Every merge, with what is needed to split it again.
CREATE TABLE cdp_merges (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  survivor_id uuid NOT NULL REFERENCES cdp_profiles (id),
  absorbed_id uuid NOT NULL REFERENCES cdp_profiles (id),
  trigger_message_id text,
  trigger_event_id bigint,
  -- processed_seq of the triggering event: later events of the survivor are "after the merge".
  processed_seq bigint,
  rule text NOT NULL,
  -- The absorbed profile's row and identities at merge time.
  absorbed_state jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  undone_at timestamptz
);
CREATE INDEX cdp_merges_survivor_idx ON cdp_merges (tenant_id, survivor_id, created_at DESC);
CREATE INDEX cdp_merges_absorbed_idx ON cdp_merges (tenant_id, absorbed_id, created_at DESC);

-- Per-workspace trait definitions: a label and the merge strategy of each trait (default: latest).
CREATE TABLE cdp_trait_definitions (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
  strategy text NOT NULL CHECK (strategy IN ('latest', 'first', 'min', 'max', 'union')),
  PRIMARY KEY (tenant_id, key)
);

-- Per-workspace additions to the built-in list of placeholder identifiers; type '*' blocks a value of any type.
CREATE TABLE cdp_blocked_identifiers (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  type text NOT NULL CHECK (type IN ('*', 'anonymous_id', 'user_id', 'email', 'phone', 'group_id', 'external_id')),
  value text NOT NULL CHECK (length(value) BETWEEN 1 AND 1024),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, type, value)
);

-- Messages the consumer could not process (bad shape, or failing again and again): recorded instead of
-- blocking their partition forever. tenant_id is null when the message named no valid tenant.
CREATE TABLE cdp_rejected_messages (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id uuid,
  topic text NOT NULL,
  partition int NOT NULL,
  "offset" bigint NOT NULL,
  source_id text,
  message_id text,
  reason text NOT NULL,
  payload jsonb,
  headers jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (topic, partition, "offset")
);
CREATE INDEX cdp_rejected_messages_tenant_idx ON cdp_rejected_messages (tenant_id, id DESC);

ALTER TABLE cdp_profiles ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON cdp_profiles
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE cdp_identities ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON cdp_identities
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE cdp_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON cdp_events
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE cdp_merges ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON cdp_merges
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE cdp_trait_definitions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON cdp_trait_definitions
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE cdp_blocked_identifiers ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON cdp_blocked_identifiers
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE cdp_rejected_messages ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON cdp_rejected_messages
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

GRANT SELECT, INSERT, UPDATE ON cdp_profiles TO orchestrator_app;
-- DELETE: a group id both sides of a merge hold is kept once.
GRANT SELECT, INSERT, UPDATE, DELETE ON cdp_identities TO orchestrator_app;
-- Events are immutable for the app apart from their attribution (undo) — no DELETE here.
GRANT SELECT, INSERT, UPDATE ON cdp_events TO orchestrator_app;
GRANT SELECT, INSERT, UPDATE ON cdp_merges TO orchestrator_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON cdp_trait_definitions TO orchestrator_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON cdp_blocked_identifiers TO orchestrator_app;
-- Written by the consumer as the owner (a rejected message may name no tenant); the app only reads.
GRANT SELECT ON cdp_rejected_messages TO orchestrator_app;
GRANT USAGE ON SEQUENCE cdp_processing_seq TO orchestrator_app;
