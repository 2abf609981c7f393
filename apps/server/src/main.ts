import { ConfigError } from '@orchestrator/shared/config';
import { parseRoles } from './server-roles.ts';
import { startSuite } from './suite.ts';

/** `node apps/server/src/main.ts [all|api|relay|cdp-worker|flows-worker …]` */
async function main(): Promise<void> {
  const roles = parseRoles(process.argv.slice(2));
  const suite = await startSuite({ env: process.env, roles });
  const { config } = suite;
  console.log(`Orchestrator ${config.APP_MODE} mode (${roles.join(', ')}) listening on ${suite.url}`);
  if (suite.demoLogin) {
    console.log(
      `Demo workspace: open ${config.PUBLIC_URL} and log in as ${suite.demoLogin.email} / ${suite.demoLogin.password}`,
    );
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received, shutting down`);
    suite.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(
      'Orchestrator failed to start:',
      error instanceof Error ? (error.stack ?? error.message) : error,
    );
  }
  process.exit(1);
});
