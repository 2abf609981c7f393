import { randomUUID } from 'node:crypto';
import { OutboxCdpClient } from '@orchestrator/cdp/client';
import { CDP_PROFILE_EVENTS_TOPIC, type ProfileBusEvent } from '@orchestrator/cdp/contracts';
import { Outbox, TENANT_ID_HEADER } from '@orchestrator/shared/bus';
import type { Clock, Database, DeliveredMessage, EmailMessage } from '@orchestrator/shared/ports';
import type { FlowGraph, FlowNode, FlowSettings } from '../contracts/index.ts';
import { FlowSettingsSchema } from '../contracts/index.ts';
import { FlowExecutor, type FlowExecutorOptions } from './flow-executor.ts';
import { FlowsRepository } from './flows-repository.ts';

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(private current = new Date('2026-03-02T09:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const quiet = { warn: () => {}, error: () => {} };

export const testNode = (id: string, type: string, config: Record<string, unknown> = {}): FlowNode => ({
  id,
  type,
  position: { x: 0, y: 0 },
  data: { config },
});

export const testEdge = (source: string, target: string, sourceHandle = 'next') => ({
  id: `${source}-${sourceHandle}-${target}`,
  source,
  target,
  sourceHandle,
  targetHandle: 'in',
});

export async function createTenant(database: Database): Promise<string> {
  const { rows } = await database.systemTx((tx) =>
    tx.query<{ id: string }>(
      `INSERT INTO tenants (name, slug) VALUES ('Flows', 'flows-' || substr(md5(random()::text), 1, 10)) RETURNING id`,
    ),
  );
  return rows[0]!.id;
}

/** Creates a flow and publishes its graph as version 1; returns the flow id. */
export async function publishTestFlow(
  database: Database,
  tenantId: string,
  graph: FlowGraph,
  settings: Partial<FlowSettings> = {},
): Promise<string> {
  const flows = new FlowsRepository();
  return database.tenantTx(tenantId, async (tx) => {
    const flow = await flows.create(tx, tenantId, {
      name: 'Test flow',
      graph,
      settings: FlowSettingsSchema.parse(settings),
    });
    await flows.publish(tx, flow, null);
    return flow.id;
  });
}

/** An e-mail sender that records what it sends, deduplicating by idempotency key like Resend. */
export class RecordingEmailSender {
  readonly sent: EmailMessage[] = [];
  readonly attempts: EmailMessage[] = [];
  async send(message: EmailMessage): Promise<{ id: string }> {
    this.attempts.push(message);
    const earlier = this.sent.findIndex((sent) => sent.idempotencyKey === message.idempotencyKey);
    if (earlier >= 0 && message.idempotencyKey) return { id: `email-${earlier + 1}` };
    this.sent.push(message);
    return { id: `email-${this.sent.length}` };
  }
}

export function testExecutor(
  database: Database,
  clock: Clock,
  email: RecordingEmailSender,
  {
    allowPrivateNetworks = true,
    ...overrides
  }: Partial<FlowExecutorOptions> & { allowPrivateNetworks?: boolean } = {},
): FlowExecutor {
  return new FlowExecutor({
    database,
    clock,
    logger: quiet,
    random: () => 0.5,
    services: {
      email,
      llm: {
        complete: async () => ({ text: 'ok', model: 'test', usage: { inputTokens: 1, outputTokens: 1 } }),
      },
      cdp: new OutboxCdpClient(new Outbox()),
      allowPrivateNetworks,
    },
    ...overrides,
  });
}

let offset = 0;

/** A `cdp.profile-events` message as the relay delivers it: a processed track of `profileId`. */
export function trackDelivery(
  tenantId: string,
  profileId: string,
  event: string,
  properties: Record<string, unknown> = {},
  messageId = randomUUID(),
): DeliveredMessage {
  const value: ProfileBusEvent = {
    type: 'Message Processed',
    profileId,
    sourceId: 'web',
    receivedAt: new Date().toISOString(),
    message: { type: 'track', messageId, event, properties, timestamp: new Date().toISOString() } as never,
  };
  offset += 1;
  return {
    topic: CDP_PROFILE_EVENTS_TOPIC,
    partition: 0,
    offset,
    key: `${tenantId}:${profileId}`,
    value,
    headers: { [TENANT_ID_HEADER]: tenantId, 'message-id': `processed:web:${messageId}` },
  };
}

export interface RunRowView {
  status: string;
  current_node_id: string | null;
  resume_at: Date | null;
  error: string | null;
}

export async function runsOf(database: Database, flowId: string) {
  const { rows } = await database.systemTx((tx) =>
    tx.query<RunRowView & { id: string; profile_id: string | null; finished_at: Date | null }>(
      'SELECT id, profile_id, status, current_node_id, resume_at, error, finished_at FROM flow_runs WHERE flow_id = $1 ORDER BY started_at, id',
      [flowId],
    ),
  );
  return rows;
}

export async function stepsOf(database: Database, runId: string) {
  const { rows } = await database.systemTx((tx) =>
    tx.query<{
      node_id: string;
      status: string;
      handle: string | null;
      attempts: number;
      visit: number;
      error: string | null;
      idempotency_key: string;
      started_at: Date;
      output: unknown;
    }>(
      `SELECT node_id, status, handle, attempts, visit, error, idempotency_key, started_at, output
       FROM flow_steps WHERE run_id = $1 ORDER BY seq`,
      [runId],
    ),
  );
  return rows;
}

/** Runs executor rounds until one claims nothing (the work due now is done). */
export async function drain(executor: FlowExecutor, rounds = 20): Promise<void> {
  for (let round = 0; round < rounds; round += 1) {
    if ((await executor.runOnce()) === 0) return;
  }
}
