import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { CDP_EVENTS_TOPIC } from '@orchestrator/cdp/client';
import type { CdpEnvelope } from '@orchestrator/cdp/contracts';
import { resolve, TOKENS } from '@orchestrator/shared/di';
import type { DeliveredMessage } from '@orchestrator/shared/ports';
import type { RunningSuite } from '../suite.ts';
import { call } from '../testing/start-test-suite.ts';

/** HTTP Basic auth as the Segment SDKs send it: the write key as user name, no password. */
export const basicAuth = (writeKey: string) => `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;

export interface TestSource {
  token: string;
  tenantId: string;
  sourceId: string;
  writeKey: string;
}

/** A new workspace with one source. */
export async function newSource(suite: RunningSuite): Promise<TestSource> {
  const signup = await call(suite, 'POST', '/api/v1/auth/signup', {
    body: {
      email: `ingest-${randomUUID().slice(0, 8)}@example.com`,
      password: 'correct horse battery',
      name: 'Ingest',
      workspace: 'Ingest Co',
    },
  });
  const { token, tenant } = signup.body;
  const source = await call(suite, 'POST', '/api/v1/cdp/sources', { token, body: { name: 'Web' } });
  return { token, tenantId: tenant.id, sourceId: source.body.id, writeKey: source.body.writeKey };
}

export interface CdpEventRecorder {
  /** Waits until exactly `count` messages of the source are on the bus, and returns them. */
  arrivals(sourceId: string, count: number): Promise<Array<DeliveredMessage & { value: CdpEnvelope }>>;
  stop(): Promise<void>;
}

/** Records everything published to `cdp.events`, as a consumer group of its own. */
export async function recordCdpEvents(suite: RunningSuite): Promise<CdpEventRecorder> {
  const bus = await resolve(suite.container, TOKENS.EventBus);
  const delivered: DeliveredMessage[] = [];
  const subscription = await bus.subscribe({
    topic: CDP_EVENTS_TOPIC,
    group: `ingest-test-${randomUUID()}`,
    handler: async (batch) => void delivered.push(...batch),
  });
  const ofSource = (sourceId: string) =>
    delivered.filter((message) => (message.value as CdpEnvelope).sourceId === sourceId) as Array<
      DeliveredMessage & { value: CdpEnvelope }
    >;
  return {
    async arrivals(sourceId, count) {
      await expect.poll(() => ofSource(sourceId), { timeout: 30_000 }).toHaveLength(count);
      return ofSource(sourceId);
    },
    stop: () => subscription.stop(),
  };
}
