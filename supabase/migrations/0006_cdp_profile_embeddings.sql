-- CDP semantic search (issue 3, item 9): a text document per live profile (traits + recent activity),
-- its full-text vector, and — where pgvector exists — its embedding with an HNSW index; plus the queue
-- that coalesces refresh requests. Every table has tenant_id, RLS and a tenant_isolation policy, like 0001.
--
-- pgvector is in PGlite and in the staging image, but not in every PostgreSQL server (CI's Debian 15 has
-- none), so the vector part is created only when the extension is available; elsewhere search runs on
-- full text alone. The worker and the search API look for cdp_profile_embeddings to tell which.

-- Refresh requests, one row per profile however many changes arrive before it is worked off.
-- claimed_until is a lease: a worker that dies mid-batch leaves the job to be claimed again.
CREATE TABLE cdp_embedding_jobs (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  profile_id uuid NOT NULL REFERENCES cdp_profiles (id) ON DELETE CASCADE,
  -- Bumped by every new request; a worker finishes a job only if it did not change meanwhile.
  requested_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  claimed_until timestamptz,
  PRIMARY KEY (tenant_id, profile_id)
);
CREATE INDEX cdp_embedding_jobs_requested_idx ON cdp_embedding_jobs (requested_at);

-- The document search ranks on (and embeds): built by the worker, deterministic, capped in length.
CREATE TABLE cdp_profile_documents (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  profile_id uuid NOT NULL REFERENCES cdp_profiles (id) ON DELETE CASCADE,
  document text NOT NULL,
  document_hash text NOT NULL,
  -- English stemming, so "invoices" in a query meets "invoice" in a ticket subject.
  search tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, document)) STORED,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, profile_id)
);
CREATE INDEX cdp_profile_documents_search_idx ON cdp_profile_documents USING gin (search);

ALTER TABLE cdp_embedding_jobs ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON cdp_embedding_jobs
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE cdp_profile_documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON cdp_profile_documents
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

-- Jobs are claimed across tenants by the worker (as the owner); the app may request and drop them.
GRANT SELECT, INSERT, UPDATE, DELETE ON cdp_embedding_jobs TO orchestrator_app;
-- Written per tenant by the worker; DELETE also for privacy erasure.
GRANT SELECT, INSERT, UPDATE, DELETE ON cdp_profile_documents TO orchestrator_app;

DO $migration$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') THEN
    RAISE NOTICE 'pgvector is not available on this server: cdp_profile_embeddings is not created and profile search uses full text only';
    RETURN;
  END IF;

  CREATE EXTENSION IF NOT EXISTS vector;

  -- In EXECUTE, so this file parses on servers where the vector type does not exist.
  -- 384 dimensions: the local hashing embedding's size, and what staging asks OpenAI's
  -- text-embedding-3-* for (they shorten vectors on request), so one column serves both modes.
  EXECUTE $ddl$
    CREATE TABLE cdp_profile_embeddings (
      tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      profile_id uuid NOT NULL REFERENCES cdp_profiles (id) ON DELETE CASCADE,
      -- Vectors of different models are not comparable: search uses only the current model's.
      model text NOT NULL,
      dimensions int NOT NULL CHECK (dimensions = 384),
      embedding vector(384) NOT NULL,
      -- The hash of the document this vector was computed from (the text is in cdp_profile_documents).
      document_hash text NOT NULL,
      embedded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, profile_id)
    )
  $ddl$;
  EXECUTE 'CREATE INDEX cdp_profile_embeddings_hnsw_idx ON cdp_profile_embeddings USING hnsw (embedding vector_cosine_ops)';
  EXECUTE 'ALTER TABLE cdp_profile_embeddings ENABLE ROW LEVEL SECURITY';
  EXECUTE $ddl$
    CREATE POLICY tenant_isolation ON cdp_profile_embeddings
      USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())
  $ddl$;
  EXECUTE 'GRANT SELECT, INSERT, UPDATE, DELETE ON cdp_profile_embeddings TO orchestrator_app';
END
$migration$;
