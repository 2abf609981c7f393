import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { MIGRATIONS_DIRECTORY, PgPoolDatabase, PgliteDatabase, migrate } from '../db/index.ts';
import type { Database } from '../ports/index.ts';
import { requiredService } from './required-service.ts';

export interface TestDatabase {
  database: Database;
  /** Connection URL of the database, for engines that have one (postgres). */
  url?: string;
  /** Closes the connection and drops what the test created. */
  dispose(): Promise<void>;
}

export interface TestDatabaseEngine {
  name: 'pglite' | 'postgres';
  /** A new, empty, migrated database. */
  create(options?: { migrate?: boolean }): Promise<TestDatabase>;
}

const pglite: TestDatabaseEngine = {
  name: 'pglite',
  async create(options = {}) {
    const database = await PgliteDatabase.open('memory');
    if (options.migrate !== false) await migrate(database, MIGRATIONS_DIRECTORY);
    return { database, dispose: () => database.close() };
  },
};

function postgres(serverUrl: string): TestDatabaseEngine {
  return {
    name: 'postgres',
    async create(options = {}) {
      const name = `orchestrator_test_${randomBytes(6).toString('hex')}`;
      await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      const database = new PgPoolDatabase(url.toString(), { max: 8, applicationName: 'orchestrator-test' });
      if (options.migrate !== false) await migrate(database, MIGRATIONS_DIRECTORY);
      return {
        database,
        url: url.toString(),
        async dispose() {
          await database.close();
          await withAdminClient(serverUrl, (client) =>
            client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
          );
        },
      };
    },
  };
}

async function withAdminClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** PGlite always; the PostgreSQL server too when DATABASE_URL is set (required in CI). */
export function testDatabaseEngines(): TestDatabaseEngine[] {
  const url = requiredService('DATABASE_URL');
  return url ? [pglite, postgres(url)] : [pglite];
}

export const embeddedTestDatabase = pglite;
