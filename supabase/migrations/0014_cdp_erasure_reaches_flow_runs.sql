-- A GDPR erasure deletes the person's rows from every tenant table that holds rows per profile (the
-- CDP's ProfileEraser finds them in the catalog and refuses to half-erase). Automation runs hold
-- `profile_id`; their steps go with them (ON DELETE CASCADE).
GRANT DELETE ON flow_runs TO orchestrator_app;
