import { ConfigError, loadConfig } from '@orchestrator/shared/config';
import { MIGRATIONS_DIRECTORY, migrate } from '@orchestrator/shared/db';
import { createContainer, resolve, TOKENS } from '@orchestrator/shared/di';
import { bindingSetFor } from '../bindings/binding-sets.ts';

/** `npm run db:migrate`: applies pending migrations to the database of the current mode. */
try {
  const config = loadConfig();
  const bindings = bindingSetFor(config);
  const container = createContainer(bindings, config);
  const database = await resolve(container, TOKENS.Database);
  const applied = await migrate(database, MIGRATIONS_DIRECTORY);
  console.log(applied.length ? `Applied ${applied.join(', ')}` : 'Database is up to date');
  await database.close();
  await bindings.dispose?.();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 1;
}
