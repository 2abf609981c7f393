-- First-boot initialisation of the Compose Postgres (pgvector/pgvector image).
--
-- The official entrypoint runs this once, with psql, as POSTGRES_USER connected to POSTGRES_DB (the
-- application database), and only when the data volume is empty. Changing it later needs
-- `docker compose down -v` or the same statements run by hand.
--
-- The application database itself is created by the entrypoint from POSTGRES_DB; its schema, the
-- orchestrator_app role and the Row Level Security policies come from supabase/migrations, which every
-- server process applies at start.

\set ON_ERROR_STOP on

-- pgvector is not a trusted extension: create it here as the superuser so that migrations can rely on
-- `CREATE EXTENSION IF NOT EXISTS vector` whatever role they run as.
CREATE EXTENSION IF NOT EXISTS vector;

-- Kestra keeps its repository and queue in a database of its own, owned by a role of its own, so that
-- flows running inside Kestra never hold credentials to the application's data.
\getenv kestra_db_password KESTRA_DB_PASSWORD
\if :{?kestra_db_password}
\else
  DO $$ BEGIN RAISE EXCEPTION 'KESTRA_DB_PASSWORD must be set in the postgres container environment'; END $$;
\endif

CREATE ROLE kestra LOGIN PASSWORD :'kestra_db_password';
CREATE DATABASE kestra OWNER kestra;
REVOKE ALL ON DATABASE kestra FROM PUBLIC;

-- Nor may Kestra (or any other role that is not granted it explicitly) connect to the application database.
DO $$ BEGIN EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database()); END $$;
