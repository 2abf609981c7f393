import { fileURLToPath } from 'node:url';

/** `supabase/migrations` of this repository: the one schema for PGlite, Postgres and the Supabase CLI. */
export const MIGRATIONS_DIRECTORY = fileURLToPath(new URL('../../../supabase/migrations', import.meta.url));
