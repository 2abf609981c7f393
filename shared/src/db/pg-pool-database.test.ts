import { randomBytes } from 'node:crypto';
import { createConnection, createServer, type AddressInfo, type Server } from 'node:net';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { requiredService } from '../testing/index.ts';
import { PgPoolDatabase } from './pg-pool-database.ts';

const serverUrl = requiredService('DATABASE_URL');
const DELAY_MS = 300;

/**
 * A TCP proxy to the server that delivers what clients send DELAY_MS late (a busy machine, slowed
 * down): a connection's goodbye reaches the server well after the client said it.
 */
async function startSlowProxy(target: URL): Promise<Server> {
  // Half-open: the client's side stays open until the server closed its own, as without a proxy.
  const proxy = createServer({ allowHalfOpen: true }, (client) => {
    const upstream = createConnection(Number(target.port || 5432), target.hostname);
    const later = (act: () => void) => setTimeout(act, DELAY_MS);
    client.on('data', (chunk) => later(() => upstream.write(chunk)));
    client.on('end', () => later(() => upstream.end()));
    upstream.on('data', (chunk) => client.write(chunk));
    upstream.on('end', () => client.end());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((listening) => proxy.listen(0, '127.0.0.1', listening));
  return proxy;
}

describe.runIf(serverUrl)('PgPoolDatabase.close', () => {
  it('resolves only once the server has closed its connections, not when they were asked to close', async () => {
    const name = `pool_close_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    const proxy = await startSlowProxy(new URL(serverUrl!));
    try {
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(serverUrl!);
      url.host = `127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      url.pathname = `/${name}`;
      const database = new PgPoolDatabase(url.toString(), { max: 3 });
      // Three transactions at once: three connections, idle in the pool afterwards.
      await Promise.all(Array.from({ length: 3 }, () => database.systemTx((tx) => tx.query('SELECT 1'))));

      await database.close();

      // What test teardowns and the benchmarks do next is DROP DATABASE … WITH (FORCE), which would
      // cut any connection still there.
      const { rows } = await admin.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
        [name],
      );
      expect(rows[0]!.n).toBe(0);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      await new Promise((closed) => proxy.close(closed));
    }
  });
});
