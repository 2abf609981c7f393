// A flows-worker executor in a process of its own, for flow-executor-crash.test.ts, which SIGKILLs it
// in the middle of a step and in the middle of a wait. Its clock is the system clock moved by
// CRASH_CLOCK_OFFSET_MS, so the test can let ten minutes pass. After each recorded step it prints
// "step <runId> <nodeId> <outcome>".
import { OutboxCdpClient } from '@orchestrator/cdp/client';
import { Outbox } from '@orchestrator/shared/bus';
import { PgPoolDatabase } from '@orchestrator/shared/db';
import { FlowExecutor } from './flow-executor.ts';

const url = process.env.CRASH_DATABASE_URL;
if (!url) throw new Error('CRASH_DATABASE_URL must be set');
const offsetMs = Number(process.env.CRASH_CLOCK_OFFSET_MS ?? 0);
const database = new PgPoolDatabase(url, { max: 3, applicationName: 'flow-executor-crash-worker' });
const executor = new FlowExecutor({
  database,
  clock: { now: () => new Date(Date.now() + offsetMs) },
  logger: console,
  leaseMs: Number(process.env.CRASH_LEASE_MS ?? 1500),
  pollIntervalMs: 50,
  services: {
    email: { send: async () => ({ id: 'unused' }) },
    llm: { complete: async () => ({ text: '', model: 'none', usage: { inputTokens: 0, outputTokens: 0 } }) },
    cdp: new OutboxCdpClient(new Outbox()),
    allowPrivateNetworks: true,
  },
  onStep: ({ runId, nodeId, outcome }) => process.stdout.write(`step ${runId} ${nodeId} ${outcome}\n`),
});
executor.start();
process.stdout.write('ready\n');
