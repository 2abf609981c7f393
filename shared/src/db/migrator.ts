import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from '../ports/index.ts';

const MIGRATION_FILE = /^\d{4,}_[a-z0-9_]+\.sql$/;
/** Any constant works: it only has to be the same in every process that migrates this database. */
const MIGRATION_LOCK_KEY = 727_001;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export async function readMigrations(directory: string): Promise<MigrationFile[]> {
  const names = (await readdir(directory)).filter((name) => name.endsWith('.sql')).sort();
  const bad = names.find((name) => !MIGRATION_FILE.test(name));
  if (bad) throw new Error(`Migration file "${bad}" must be named NNNN_lower_snake_case.sql`);
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(directory, name), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

/**
 * Applies `supabase/migrations/*.sql` in name order, each at most once, recording name and checksum.
 * Everything runs in one transaction under an advisory lock, so processes starting together
 * (api, workers, relay) migrate once, and a failing migration leaves the schema as it was.
 */
export async function migrate(database: Database, directory: string): Promise<string[]> {
  const files = await readMigrations(directory);
  return database.systemTx(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query<{ name: string; checksum: string }>(
      'SELECT name, checksum FROM schema_migrations',
    );
    const applied = new Map(rows.map((row) => [row.name, row.checksum]));
    const done: string[] = [];
    for (const file of files) {
      const checksum = applied.get(file.name);
      if (checksum !== undefined) {
        if (checksum !== file.checksum) {
          throw new Error(
            `Migration ${file.name} was changed after it was applied; add a new migration instead`,
          );
        }
        continue;
      }
      try {
        await tx.exec(file.sql);
      } catch (error) {
        throw new Error(`Migration ${file.name} failed: ${(error as Error).message}`, { cause: error });
      }
      await tx.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [
        file.name,
        file.checksum,
      ]);
      done.push(file.name);
    }
    return done;
  });
}
