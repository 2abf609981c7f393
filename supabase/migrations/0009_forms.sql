-- Forms: drafts, immutable published versions, submissions, webhooks (with a delivery log) and
-- e-mail notifications. Every table has tenant_id, RLS and a policy on app_current_tenant(); children
-- reference their parent together with tenant_id, so no row can point into another workspace.
-- Public pages find a form by its globally unique slug in a system transaction, then do everything
-- else in a tenant transaction of the form's workspace.

CREATE TABLE forms (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  fields jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(fields) = 'array'),
  hidden_fields jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(hidden_fields) = 'array'),
  logic jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(logic) = 'array'),
  settings jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(settings) = 'object'),
  -- The public URL is <PUBLIC_URL>/f/<slug>; unique across all workspaces.
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{2,62}$'),
  -- The version respondents get (NULL: unpublished) and the newest one ever published.
  published_version integer,
  latest_version integer,
  -- Stored submissions except spam: the response quota counts these (updated in the submission's tx).
  submission_count integer NOT NULL DEFAULT 0 CHECK (submission_count >= 0),
  -- Millisecond precision: list cursors carry these as ISO strings.
  created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  updated_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  UNIQUE (tenant_id, id),
  CHECK (published_version IS NULL OR published_version <= latest_version)
);
CREATE INDEX forms_tenant_idx ON forms (tenant_id, updated_at DESC, id);

-- Published versions never change (the app role may only insert and read them), so a respondent who
-- opened version N keeps validating against N after the form is edited and republished.
CREATE TABLE form_versions (
  tenant_id uuid NOT NULL,
  form_id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  definition jsonb NOT NULL,
  compiled jsonb NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (form_id, version),
  FOREIGN KEY (tenant_id, form_id) REFERENCES forms (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE form_submissions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  form_id uuid NOT NULL,
  version integer NOT NULL,
  answers jsonb NOT NULL CHECK (jsonb_typeof(answers) = 'object'),
  hidden_fields jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(hidden_fields) = 'object'),
  category text NOT NULL DEFAULT 'inbox' CHECK (category IN ('inbox', 'spam', 'starred', 'archived')),
  spam_reason text,
  -- Set by the page per respondent attempt; a retry with the same key returns the first submission.
  idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 8 AND 200),
  ip_hash text,
  user_agent text,
  started_at timestamptz,
  submitted_at timestamptz NOT NULL DEFAULT now(),
  -- Answers and hidden fields as words (computed by the app: files by name, lists joined).
  search tsvector NOT NULL DEFAULT ''::tsvector,
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, form_id) REFERENCES forms (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (form_id, version) REFERENCES form_versions (form_id, version)
);
CREATE UNIQUE INDEX form_submissions_idempotency_key ON form_submissions (form_id, idempotency_key);
CREATE INDEX form_submissions_list_idx ON form_submissions (form_id, submitted_at DESC, id DESC);
CREATE INDEX form_submissions_category_idx ON form_submissions (form_id, category, submitted_at DESC, id DESC);
CREATE INDEX form_submissions_search_idx ON form_submissions USING gin (search);

CREATE TABLE form_webhooks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  form_id uuid NOT NULL,
  url text NOT NULL CHECK (url ~ '^https?://' AND length(url) <= 2000),
  secret text NOT NULL CHECK (length(secret) >= 24),
  enabled boolean NOT NULL DEFAULT true,
  events text[] NOT NULL DEFAULT ARRAY['submission.created'],
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, form_id) REFERENCES forms (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX form_webhooks_form_idx ON form_webhooks (form_id, created_at);

-- One row per (webhook, submission): written in the submission's transaction, claimed by the relay
-- role's integrations worker (FOR UPDATE SKIP LOCKED), retried with backoff until it succeeds or the
-- schedule is used up. The payload is frozen at submission time, so a redelivery sends the same body.
CREATE TABLE form_webhook_deliveries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  webhook_id uuid NOT NULL,
  submission_id uuid NOT NULL,
  event text NOT NULL DEFAULT 'submission.created',
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  -- Attempts allowed in all: the first plus the retry schedule; a manual redelivery allows one more.
  max_attempts integer NOT NULL,
  next_attempt_at timestamptz,
  last_response_status integer,
  last_response_body text,
  last_error text,
  delivered_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  UNIQUE (webhook_id, submission_id, event),
  FOREIGN KEY (tenant_id, webhook_id) REFERENCES form_webhooks (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, submission_id) REFERENCES form_submissions (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX form_webhook_deliveries_due_idx ON form_webhook_deliveries (next_attempt_at)
  WHERE status = 'pending';
CREATE INDEX form_webhook_deliveries_webhook_idx ON form_webhook_deliveries (webhook_id, created_at DESC, id DESC);

-- Every attempt of a delivery, for the log in the UI.
CREATE TABLE form_webhook_attempts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id uuid NOT NULL,
  delivery_id uuid NOT NULL,
  attempt integer NOT NULL,
  attempted_at timestamptz NOT NULL DEFAULT now(),
  response_status integer,
  response_body text,
  error text,
  duration_ms integer NOT NULL DEFAULT 0,
  succeeded boolean NOT NULL,
  FOREIGN KEY (tenant_id, delivery_id) REFERENCES form_webhook_deliveries (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX form_webhook_attempts_delivery_idx ON form_webhook_attempts (delivery_id, attempt DESC);

-- E-mail notifications of new submissions, claimed and sent by the same worker.
CREATE TABLE form_notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  submission_id uuid NOT NULL,
  recipients text[] NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  reply_to text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  sent_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, submission_id) REFERENCES form_submissions (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX form_notifications_due_idx ON form_notifications (next_attempt_at) WHERE status = 'pending';

ALTER TABLE forms ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON forms
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE form_versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON form_versions
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE form_submissions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON form_submissions
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE form_webhooks ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON form_webhooks
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE form_webhook_deliveries ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON form_webhook_deliveries
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE form_webhook_attempts ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON form_webhook_attempts
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE form_notifications ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON form_notifications
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON forms TO orchestrator_app;
-- Published versions are immutable for the app.
GRANT SELECT, INSERT ON form_versions TO orchestrator_app;
-- Submissions: stored once; only the category may change afterwards.
GRANT SELECT, INSERT ON form_submissions TO orchestrator_app;
GRANT UPDATE (category) ON form_submissions TO orchestrator_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON form_webhooks TO orchestrator_app;
GRANT SELECT, INSERT, UPDATE ON form_webhook_deliveries TO orchestrator_app;
GRANT SELECT, INSERT ON form_webhook_attempts TO orchestrator_app;
GRANT SELECT, INSERT, UPDATE ON form_notifications TO orchestrator_app;
