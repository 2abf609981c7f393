import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestDatabaseEngine } from '@orchestrator/shared/testing';
import type { ServerRole } from '../server-roles.ts';
import { startSuite, type RunningSuite } from '../suite.ts';
import { call } from '../testing/start-test-suite.ts';

export interface Workspace {
  token: string;
  tenantId: string;
}

export async function signUp(suite: { url: string }, name: string): Promise<Workspace> {
  const { body } = await call(suite, 'POST', '/api/v1/auth/signup', {
    body: {
      email: `${name.toLowerCase()}-${randomUUID().slice(0, 8)}@acme.io`,
      password: 'correct horse battery',
      name,
      workspace: name,
    },
  });
  return { token: body.token, tenantId: body.tenant.id };
}

/** A client IP per scenario (the suite trusts one proxy hop), so per-IP limits do not collide. */
export const fromIp = (ip: string) => ({ 'x-forwarded-for': ip });

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A webhook receiver on 127.0.0.1. Each path answers with the status `statusFor(path)` says
 * (default 200) and records what it got.
 */
export class WebhookReceiver {
  readonly received: ReceivedRequest[] = [];
  private readonly statuses = new Map<string, number>();
  private server: Server | undefined;
  url = '';

  respond(path: string, status: number): void {
    this.statuses.set(path, status);
  }

  requestsTo(path: string): ReceivedRequest[] {
    return this.received.filter((request) => request.path === path);
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = req.url ?? '/';
        this.received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const status = this.statuses.get(path) ?? 200;
        res.writeHead(status, { 'content-type': 'text/plain' });
        res.end(status < 300 ? 'thanks' : `receiver says no (${status})`);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

/**
 * Like `startTestSuite`, but running only the given roles: a test that drives the Forms integrations
 * worker itself (with a fast retry schedule) starts the suite without the `relay` role.
 */
export async function startSuiteWithRoles(
  engine: TestDatabaseEngine,
  roles: readonly ServerRole[],
): Promise<RunningSuite> {
  const test = engine.name === 'postgres' ? await engine.create({ migrate: false }) : undefined;
  const suite = await startSuite({
    env: {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: 'memory',
      SEED_DEMO: '0',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
      ...(test?.url ? { DATABASE_URL: test.url } : {}),
    },
    roles,
  });
  return {
    ...suite,
    async close() {
      await suite.close();
      await test?.dispose();
    },
  };
}
