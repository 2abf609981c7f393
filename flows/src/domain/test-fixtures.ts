import type { FlowEdge, FlowEvent, FlowGraph, FlowNode } from '../contracts/index.ts';
import type { NodeExecutionContext, ProfileSnapshot } from './node-type.ts';
import type { NodeServices } from './node-services.ts';

/** Builders for domain tests: small graphs, events, profiles and executor contexts with fake services. */
export function node(id: string, type: string, config: Record<string, unknown> = {}, x = 0): FlowNode {
  return { id, type, position: { x, y: 0 }, data: { config } };
}

export function edge(
  source: string,
  target: string,
  sourceHandle = 'next',
  id = `${source}-${sourceHandle}-${target}`,
): FlowEdge {
  return { id, source, target, sourceHandle, targetHandle: 'in' };
}

export function graph(nodes: FlowNode[], edges: FlowEdge[]): FlowGraph {
  return { nodes, edges };
}

export const PROFILE_ID = '7d0c9a5e-3f1b-4c8e-9a51-2b7f0c1d2e3f';

export function flowEvent(
  event: string,
  properties: Record<string, unknown> = {},
  overrides: Partial<FlowEvent> = {},
): FlowEvent {
  return {
    id: `bus-${event}`,
    event,
    profileId: PROFILE_ID,
    messageId: `msg-${event}`,
    timestamp: '2026-03-01T10:00:00.000Z',
    properties,
    context: {},
    ...overrides,
  };
}

export function profile(traits: Record<string, unknown> = {}): ProfileSnapshot {
  return { id: PROFILE_ID, traits, identities: [] };
}

export interface FakeServiceCalls {
  emails: unknown[];
  webhooks: unknown[];
  profileUpdates: unknown[];
  llmRequests: unknown[];
  kestra: unknown[];
  eventQueries: unknown[];
}

/** Fake ports that record what they were asked; override single methods per test. */
export function fakeServices(overrides: Partial<NodeServices> = {}): {
  services: NodeServices;
  calls: FakeServiceCalls;
} {
  const calls: FakeServiceCalls = {
    emails: [],
    webhooks: [],
    profileUpdates: [],
    llmRequests: [],
    kestra: [],
    eventQueries: [],
  };
  const services: NodeServices = {
    email: {
      send: async (message) => {
        calls.emails.push(message);
        return { id: `email-${calls.emails.length}` };
      },
    },
    llm: {
      complete: async (request) => {
        calls.llmRequests.push(request);
        return { text: 'ok', model: 'fake', usage: { inputTokens: 1, outputTokens: 1 } };
      },
    },
    webhooks: {
      send: async (request) => {
        calls.webhooks.push(request);
        return { status: 200, headers: {}, body: {} };
      },
    },
    profiles: {
      updateTraits: async (input) => {
        calls.profileUpdates.push(input);
      },
    },
    events: {
      happenedSince: async (input) => {
        calls.eventQueries.push(input);
        return null;
      },
    },
    ...overrides,
  };
  return { services, calls };
}

export function executionContext<Config>(
  config: Config,
  overrides: Partial<NodeExecutionContext<Config>> = {},
): NodeExecutionContext<Config> {
  const now = overrides.now ?? new Date('2026-03-01T10:00:05.000Z');
  return {
    config,
    run: {
      id: 'run-1',
      flowId: 'flow-1',
      version: 1,
      tenantId: 'tenant-1',
      profileId: PROFILE_ID,
      test: false,
    },
    trigger: flowEvent('Form Submitted', { formId: 'form-1' }),
    profile: profile({ email: 'ada@example.com', firstName: 'Ada' }),
    steps: {},
    now,
    idempotencyKey: 'run-1:node-1',
    attempt: 1,
    stepStartedAt: now,
    services: fakeServices().services,
    ...overrides,
  };
}
