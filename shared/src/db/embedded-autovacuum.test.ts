import { afterEach, describe, expect, it } from 'vitest';
import { PgliteDatabase } from './pglite-database.ts';

interface TableStats {
  n_dead_tup: number;
  n_mod_since_analyze: number;
  reltuples: number;
  pages: number;
}

describe('EmbeddedAutovacuum on PGlite', () => {
  let database: PgliteDatabase | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  const stats = async (table: string) =>
    (
      await database!.systemQuery<TableStats>(
        `SELECT s.n_dead_tup::int, s.n_mod_since_analyze::int, c.reltuples::int,
                (pg_relation_size(c.oid) / 8192)::int AS pages
         FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid WHERE s.relname = $1`,
        [table],
      )
    ).rows[0]!;

  /** PGlite publishes its statistics about once a second, as a server's backends do. */
  async function untilStats(table: string, shown: (stats: TableStats) => boolean): Promise<void> {
    const deadline = Date.now() + 5_000;
    while (!shown(await stats(table))) {
      if (Date.now() > deadline) throw new Error(`statistics of ${table} never showed the change`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('vacuums and analyzes a table whose rows were updated, and leaves a quiet one alone', async () => {
    database = await PgliteDatabase.open('memory', { autovacuum: { intervalMs: 3_600_000 } });
    await database.systemTx((tx) =>
      tx.exec(`CREATE TABLE busy (id int PRIMARY KEY, n int NOT NULL);
               INSERT INTO busy SELECT g, 0 FROM generate_series(1, 500) g;
               CREATE TABLE quiet (id int PRIMARY KEY);
               INSERT INTO quiet VALUES (1), (2), (3);`),
    );
    await untilStats('busy', (busy) => busy.n_mod_since_analyze >= 500);
    // The first pass analyzes what was never analyzed (the planner had no statistics at all).
    const first = await database.autovacuumOnce();
    expect(first.analyzed).toEqual(expect.arrayContaining(['busy']));
    expect(first.analyzed).not.toContain('quiet');

    for (let round = 0; round < 6; round++) await database.systemQuery('UPDATE busy SET n = n + 1');
    await untilStats('busy', (busy) => busy.n_dead_tup >= 500);
    const pagesBefore = (await stats('busy')).pages;

    const pass = await database.autovacuumOnce();
    expect(pass.vacuumed).toEqual(['busy']);
    expect(pass.analyzed).toEqual(['busy']);
    const after = await stats('busy');
    expect(after.n_dead_tup).toBe(0);
    expect(after.n_mod_since_analyze).toBe(0);
    expect(after.reltuples).toBe(500);

    // The space of the dead rows is reused: more updates do not grow the table.
    for (let round = 0; round < 3; round++) await database.systemQuery('UPDATE busy SET n = n + 1');
    expect((await stats('busy')).pages).toBeLessThanOrEqual(pagesBefore);

    expect(await database.autovacuumOnce()).toEqual({ vacuumed: [], analyzed: [] });
  });

  it('runs on its own while the database is open, and stops with it', async () => {
    database = await PgliteDatabase.open('memory', { autovacuum: { intervalMs: 50 } });
    await database.systemTx((tx) =>
      tx.exec(`CREATE TABLE busy (id int PRIMARY KEY, n int NOT NULL);
               INSERT INTO busy SELECT g, 0 FROM generate_series(1, 200) g;`),
    );
    for (let round = 0; round < 3; round++) await database.systemQuery('UPDATE busy SET n = n + 1');
    const deadline = Date.now() + 10_000;
    while ((await stats('busy')).reltuples !== 200 || (await stats('busy')).n_dead_tup > 0) {
      if (Date.now() > deadline) throw new Error('the table was never vacuumed and analyzed');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await database.close();
    database = undefined;
  });
});
