import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, testDatabaseEngines, type TestDatabase } from '@orchestrator/shared/testing';
import {
  ManualClock,
  createTenant,
  publishTestFlow,
  quiet,
  runsOf,
  stepsOf,
  testEdge,
  testNode,
  trackDelivery,
} from './executor-test-support.ts';
import { TriggerConsumer } from './trigger-consumer.ts';

const WAIT_MS = 10 * 60_000;
const LEASE_MS = 1500;

/** Records webhook calls; the first call to /slow is left hanging (the worker dies while it waits). */
class CrashReceiver {
  readonly calls: Array<{ path: string; key: string; at: number }> = [];
  private readonly hanging: ServerResponse[] = [];
  private server: Server | undefined;
  url = '';
  async start() {
    this.server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const path = req.url ?? '/';
        this.calls.push({ path, key: String(req.headers['idempotency-key']), at: Date.now() });
        if (path === '/slow' && this.calls.filter((call) => call.path === '/slow').length === 1) {
          this.hanging.push(res);
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }
  callsTo(path: string) {
    return this.calls.filter((call) => call.path === path);
  }
  async stop() {
    for (const res of this.hanging) res.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
    this.server?.closeAllConnections();
  }
}

interface Worker {
  child: ChildProcessWithoutNullStreams;
  lines: string[];
  exited: Promise<NodeJS.Signals | null>;
}

function startWorker(databaseUrl: string, clockOffsetMs: number): Worker {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./flow-executor-crash-worker.ts', import.meta.url))],
    {
      env: {
        ...process.env,
        CRASH_DATABASE_URL: databaseUrl,
        CRASH_CLOCK_OFFSET_MS: String(clockOffsetMs),
        CRASH_LEASE_MS: String(LEASE_MS),
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => lines.push(line));
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  );
  return { child, lines, exited };
}

async function kill(worker: Worker): Promise<void> {
  worker.child.kill('SIGKILL');
  expect(await worker.exited).toBe('SIGKILL');
}

// A killed process needs a database another process can open: the PostgreSQL server (PGlite is
// in-process), so this runs wherever DATABASE_URL is set — always in CI.
const serverEngines = testDatabaseEngines().filter((engine) => engine.name === 'postgres');

describe.each(serverEngines)('flow runs survive SIGKILL of the executor process on $name', (engine) => {
  let test: TestDatabase | undefined;
  const receiver = new CrashReceiver();
  const workers: Worker[] = [];
  afterEach(async () => {
    for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    await receiver.stop();
    await test?.dispose();
  });

  it('killed during a step and during a wait, the run finishes exactly once, at the right time', async () => {
    test = await engine.create();
    const { database } = test;
    await receiver.start();
    const tenantId = await createTenant(database);
    const event = `Crash ${randomUUID()}`;
    const flowId = await publishTestFlow(database, tenantId, {
      nodes: [
        testNode('trigger', 'trigger.event', { event }),
        testNode('slow', 'action.webhook', {
          url: `${receiver.url}/slow`,
          allowPrivateNetworks: true,
          body: '{}',
        }),
        testNode('wait', 'logic.waitDuration', { amount: WAIT_MS / 60_000, unit: 'minutes' }),
        testNode('after', 'action.webhook', {
          url: `${receiver.url}/after`,
          allowPrivateNetworks: true,
          body: '{}',
        }),
      ],
      edges: [testEdge('trigger', 'slow'), testEdge('slow', 'wait'), testEdge('wait', 'after')],
    });
    const consumer = new TriggerConsumer({ database, clock: new ManualClock(new Date()), logger: quiet });
    await consumer.handleBatch([trackDelivery(tenantId, randomUUID(), event)]);
    const runId = (await runsOf(database, flowId))[0]!.id;

    // 1. Killed while the webhook step is in flight (the receiver got the request, never answered).
    const first = startWorker(test.url!, 0);
    workers.push(first);
    await eventually(() => expect(receiver.callsTo('/slow')).toHaveLength(1), 30_000);
    await kill(first);
    expect((await runsOf(database, flowId))[0]).toMatchObject({ status: 'running', current_node_id: 'slow' });

    // 2. A new worker takes the run over once the lease runs out, repeats the step under the same
    //    key, and parks the run in its wait — where it is killed too.
    const second = startWorker(test.url!, 0);
    workers.push(second);
    await eventually(async () => expect((await runsOf(database, flowId))[0]!.status).toBe('waiting'), 30_000);
    await kill(second);
    const slowCalls = receiver.callsTo('/slow');
    expect(slowCalls).toHaveLength(2);
    expect(new Set(slowCalls.map((call) => call.key))).toEqual(new Set([`${runId}:slow:1`]));
    const waiting = (await runsOf(database, flowId))[0]!;
    const waitStep = (await stepsOf(database, runId)).find((step) => step.node_id === 'wait')!;
    const resumeAt = new Date(waiting.resume_at!).getTime();
    expect(resumeAt).toBe(new Date(waitStep.started_at).getTime() + WAIT_MS);

    // 3. Nine minutes later nothing is due: a worker leaves the run alone.
    const early = startWorker(test.url!, resumeAt - Date.now() - 60_000);
    workers.push(early);
    await eventually(() => expect(early.lines).toContain('ready'), 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(receiver.callsTo('/after')).toHaveLength(0);
    expect((await runsOf(database, flowId))[0]!.status).toBe('waiting');
    await kill(early);

    // 4. Once the wait is over, a worker resumes the run and finishes it.
    const late = startWorker(test.url!, resumeAt - Date.now() + 1_000);
    workers.push(late);
    await eventually(
      async () => expect((await runsOf(database, flowId))[0]!.status).toBe('completed'),
      30_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    await kill(late);

    expect(receiver.callsTo('/after')).toHaveLength(1);
    const steps = await stepsOf(database, runId);
    expect(steps.map((step) => [step.node_id, step.visit, step.status, step.attempts])).toEqual([
      ['trigger', 1, 'succeeded', 1],
      ['slow', 1, 'succeeded', 2],
      ['wait', 1, 'succeeded', 1],
      ['after', 1, 'succeeded', 1],
    ]);
    const after = steps.find((step) => step.node_id === 'after')!;
    expect(new Date(after.started_at).getTime()).toBeGreaterThanOrEqual(resumeAt);
    const runs = await runsOf(database, flowId);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'completed', error: null });
    expect(late.lines.filter((line) => line.startsWith(`step ${runId} after`))).toEqual([
      `step ${runId} after continue`,
    ]);
  });
});
