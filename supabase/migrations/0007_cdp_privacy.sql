-- CDP privacy (issue 3, item 10): consent per purpose, and the suppression list GDPR deletion leaves
-- behind; plus the DELETE grants erasure needs on the tables of 0004. RLS and policies like 0001.

-- Every statement of consent ever made about a purpose: an append-only log (it is also the proof of
-- consent GDPR Art. 7(1) asks for). A profile's consent is resolved from it at read time, latest by
-- event time, so it does not depend on arrival order, and merges and undos need no bookkeeping:
--  * a statement carried by a message belongs to that message's event (event_id) and so to whichever
--    profile the event is attributed to — merges keep events where they are (the survivor's tree
--    includes them) and an undo moves them back, consent included;
--  * a statement made through the API belongs to the profile it was made on (profile_id).
CREATE TABLE cdp_profile_consents (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  profile_id uuid REFERENCES cdp_profiles (id),
  -- cdp_events.id; no foreign key, so the event table stays free to change shape (erasure deletes both).
  event_id bigint,
  purpose text NOT NULL CHECK (purpose ~ '^[a-z0-9][a-z0-9_]{0,62}$'),
  status text NOT NULL CHECK (status IN ('granted', 'denied', 'revoked')),
  -- The event's timestamp (messages) or when it was set (API): what "latest" means.
  updated_at timestamptz NOT NULL,
  source text NOT NULL CHECK (source IN ('context', 'traits', 'api')),
  message_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((profile_id IS NULL) <> (event_id IS NULL))
);
CREATE INDEX cdp_profile_consents_profile_idx ON cdp_profile_consents (tenant_id, profile_id)
  WHERE profile_id IS NOT NULL;
CREATE INDEX cdp_profile_consents_event_idx ON cdp_profile_consents (event_id) WHERE event_id IS NOT NULL;

-- Identifiers of deleted people. The value is never stored: value_hash is the hex SHA-256 of
-- 'cdp-suppression/v1' NUL tenant NUL type NUL value (see suppressionSubject), so the list can answer
-- "is this identifier suppressed?" for a message that carries it, but does not keep the e-mail.
-- A message carrying a suppressed identifier is dropped by the profile builder (and counted here).
CREATE TABLE cdp_suppressions (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  value_hash text NOT NULL CHECK (value_hash ~ '^[0-9a-f]{64}$'),
  type text NOT NULL CHECK (type IN ('anonymous_id', 'user_id', 'email', 'phone', 'external_id')),
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  dropped_messages bigint NOT NULL DEFAULT 0,
  last_dropped_at timestamptz,
  PRIMARY KEY (tenant_id, value_hash)
);

ALTER TABLE cdp_profile_consents ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON cdp_profile_consents
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE cdp_suppressions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON cdp_suppressions
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

-- Consent is appended, never edited; DELETE only for erasure.
GRANT SELECT, INSERT, DELETE ON cdp_profile_consents TO orchestrator_app;
-- UPDATE: the drop counter. No DELETE: lifting a suppression is not an app action.
GRANT SELECT, INSERT, UPDATE ON cdp_suppressions TO orchestrator_app;

-- Erasure: a deleted person's profiles, events and merges go (0004 kept events immutable for the app).
GRANT DELETE ON cdp_profiles TO orchestrator_app;
GRANT DELETE ON cdp_events TO orchestrator_app;
GRANT DELETE ON cdp_merges TO orchestrator_app;
-- Rejected messages keep their payload; erasure removes those of the deleted person's user/anonymous ids.
GRANT DELETE ON cdp_rejected_messages TO orchestrator_app;

-- Erasure also reaches every other table that holds rows per profile (segment memberships, search
-- documents, embeddings and their jobs, …): it finds them by their profile_id column. Grant what it
-- needs on those that exist now; a later migration adding such a table grants DELETE itself (erasure
-- refuses to run, naming the table, rather than leave rows behind).
DO $grants$
DECLARE
  related regclass;
BEGIN
  FOR related IN
    SELECT c.oid::regclass FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
      AND c.relname NOT IN ('cdp_profiles', 'cdp_identities', 'cdp_events', 'cdp_merges', 'cdp_profile_consents')
      AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
      AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'profile_id' AND NOT a.attisdropped)
  LOOP
    EXECUTE format('GRANT SELECT, DELETE ON %s TO orchestrator_app', related);
  END LOOP;
END
$grants$;
