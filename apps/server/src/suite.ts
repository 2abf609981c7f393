import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { PgLogRetention } from '@orchestrator/shared/bus';
import { loadConfig, type Config } from '@orchestrator/shared/config';
import { MIGRATIONS_DIRECTORY, migrate } from '@orchestrator/shared/db';
import { createContainer, resolve, resolveOptional, TOKENS, type Container } from '@orchestrator/shared/di';
import { authenticate, OpenApiRegistry, rateLimit, type ApiKernel } from '@orchestrator/shared/http';
import { AccountsRepository } from './accounts/accounts-repository.ts';
import { accountsRouter } from './accounts/accounts-router.ts';
import { AccountsService } from './accounts/accounts-service.ts';
import { DEMO_LOGIN, seedDemoWorkspace } from './accounts/demo-workspace.ts';
import { workspaceAdminRouter } from './accounts/workspace-admin-router.ts';
import { bindingSetFor } from './bindings/binding-sets.ts';
import { createHttpApp, type HttpAppParts } from './http/create-http-app.ts';
import { SERVER_MODULES } from './server-modules.ts';
import { platformRouter } from './http/platform-router.ts';
import { startingResponder } from './http/starting-responder.ts';
import { webAppRoutes } from './http/web-app-routes.ts';
import { ALL_ROLES, type ServerRole } from './server-roles.ts';

export const SUITE_VERSION = '0.1.0';
const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

export interface SuiteOptions {
  /**
   * The environment to configure from. Defaults suit tests and scripts: an in-memory database, an
   * ephemeral port, no demo seed, quiet logs. `main.ts` passes `process.env`.
   */
  env?: Record<string, string | undefined>;
  roles?: readonly ServerRole[];
}

export interface RunningSuite {
  url: string;
  port: number;
  config: Config;
  container: Container;
  demoLogin?: typeof DEMO_LOGIN;
  close(): Promise<void>;
}

export async function startSuite(options: SuiteOptions = {}): Promise<RunningSuite> {
  const config = loadConfig(
    options.env ?? {
      PORT: '0',
      DATA_DIR: 'memory',
      SEED_DEMO: '0',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      HOST: '127.0.0.1',
    },
  );
  const roles = new Set(options.roles ?? ALL_ROLES);
  const bindings = bindingSetFor(config);
  const container = createContainer(bindings, config);
  const stops: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const stop of stops.splice(0).reverse())
      await stop().catch((error) => console.error('shutdown step failed', error));
  };
  stops.push(async () => bindings.dispose?.());

  try {
    // Listen first: with PORT=0 the real port is only known now, and PUBLIC_URL (links in forms,
    // e-mails) must name it. Until the app is attached below, requests get "starting" answers.
    const server = createServer(startingResponder);
    await listen(server, config.PORT, config.HOST);
    stops.push(() => closeServer(server));
    const port = (server.address() as AddressInfo).port;
    const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
    if (!(options.env ?? {}).PUBLIC_URL) config.PUBLIC_URL = `http://localhost:${port}`;

    const logger = await resolve(container, TOKENS.Logger);
    const database = await resolve(container, TOKENS.Database);
    stops.push(() => database.close());
    const bus = await resolve(container, TOKENS.EventBus);
    stops.push(() => bus.close());
    await migrate(database, MIGRATIONS_DIRECTORY);

    const authProvider = await resolve(container, TOKENS.AuthProvider);
    const accountsRepository = new AccountsRepository(database);
    const accounts = new AccountsService(database, authProvider, accountsRepository);
    let demoLogin: typeof DEMO_LOGIN | undefined;
    if (config.SEED_DEMO) {
      await seedDemoWorkspace(accounts);
      demoLogin = DEMO_LOGIN;
    }

    if (roles.has('relay')) {
      const relay = await resolve(container, TOKENS.OutboxRelay);
      relay.start();
      stops.push(() => relay.stop());
      // Prunes the Postgres event log. With Kafka bound that log stays empty (Kafka keeps its own
      // retention), so a pass there is one look at an empty table.
      const retention = new PgLogRetention(database, {
        retentionMs: config.EVENT_LOG_RETENTION_HOURS * 60 * 60_000,
        logError: (message, error) => logger.error({ err: error }, message),
      });
      retention.start();
      stops.push(() => retention.stop());
    }

    const metrics = await resolve(container, TOKENS.HttpMetrics);
    const openapi = new OpenApiRegistry({ title: 'Orchestrator API', version: SUITE_VERSION });
    const limiter = await resolve(container, TOKENS.RateLimiter);
    const kernel: ApiKernel = {
      openapi,
      authenticate: authenticate(authProvider, accountsRepository),
      rateLimit: rateLimit(limiter, {
        capacity: config.RATE_LIMIT_BURST,
        refillPerSecond: config.RATE_LIMIT_PER_SECOND,
      }),
    };
    const modules = await Promise.all(
      SERVER_MODULES.map((createModule) => createModule({ container, kernel })),
    );

    for (const module of modules) {
      for (const worker of module.workers ?? []) {
        if (!roles.has(worker.role)) continue;
        const handle = await worker.start();
        stops.push(() => handle.stop());
      }
    }

    let api: HttpAppParts['api'];
    let publicRouters: HttpAppParts['publicRouters'] = [];
    if (roles.has('api')) {
      const mailbox = await resolveOptional(container, TOKENS.Mailbox);
      const meta = {
        name: 'Orchestrator',
        version: SUITE_VERSION,
        mode: config.APP_MODE,
        mailbox: !!mailbox,
      };
      api = {
        openapi,
        routers: [
          platformRouter(kernel, meta, mailbox),
          accountsRouter(kernel, accounts),
          workspaceAdminRouter(kernel, database),
          ...modules.flatMap((module) => module.apiRouters ?? []),
        ],
      };
      publicRouters = modules.flatMap((module) => module.publicRouters ?? []);
    }
    const readiness = [{ name: 'database', check: () => database.ping() }];
    const app = createHttpApp({
      logger,
      metrics,
      readiness,
      api,
      publicRouters,
      webApp: roles.has('api') ? webAppRoutes(WEB_DIST) : undefined,
    });

    server.off('request', startingResponder);
    server.on('request', app);
    return { url: `http://${host}:${port}`, port, config, container, demoLogin, close };
  } catch (error) {
    await close();
    throw error;
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolvePromise) => {
    server.close(() => resolvePromise());
    server.closeIdleConnections();
    // Keep-alive connections of browsers would hold shutdown open; in-flight requests had their chance.
    setTimeout(() => server.closeAllConnections(), 2_000).unref();
  });
}
