import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabaseEngines, type TestDatabase } from '../testing/index.ts';
import { MIGRATIONS_DIRECTORY } from './migrations-directory.ts';
import { migrate, readMigrations } from './migrator.ts';

describe.each(testDatabaseEngines())('migrator on $name', (engine) => {
  let test: TestDatabase | undefined;
  afterEach(async () => {
    await test?.dispose();
    test = undefined;
  });

  it('applies every migration once, in order, and is safe to run again', async () => {
    test = await engine.create({ migrate: false });
    const all = (await readMigrations(MIGRATIONS_DIRECTORY)).map((file) => file.name);
    expect(await migrate(test.database, MIGRATIONS_DIRECTORY)).toEqual(all);
    expect(await migrate(test.database, MIGRATIONS_DIRECTORY)).toEqual([]);
    const recorded = await test.database.systemTx((tx) =>
      tx.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name'),
    );
    expect(recorded.rows.map((row) => row.name)).toEqual(all);
  });

  it('refuses a migration that changed after it was applied, and rolls back a failing one', async () => {
    test = await engine.create({ migrate: false });
    const directory = await mkdtemp(join(tmpdir(), 'migrations-'));
    await writeFile(join(directory, '0001_first.sql'), 'CREATE TABLE first_table (id int);');
    await migrate(test.database, directory);

    await writeFile(join(directory, '0001_first.sql'), 'CREATE TABLE first_table (id bigint);');
    await expect(migrate(test.database, directory)).rejects.toThrow(/0001_first.sql was changed/);

    await writeFile(join(directory, '0001_first.sql'), 'CREATE TABLE first_table (id int);');
    await writeFile(
      join(directory, '0002_second.sql'),
      'CREATE TABLE second_table (id int); SELECT no_such_function();',
    );
    await expect(migrate(test.database, directory)).rejects.toThrow(/0002_second.sql failed/);
    const tables = await test.database.systemTx((tx) =>
      tx.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'second_table'`),
    );
    expect(tables.rows).toEqual([]);
  });
});
