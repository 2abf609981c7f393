import type { z } from 'zod';
import type { FlowEvent } from '../contracts/index.ts';
import type { NodeServices } from './node-services.ts';

export type NodeCategory = 'trigger' | 'logic' | 'action';

/** An output handle of a node; every edge leaves from one. Inputs are a single `in` handle. */
export interface HandleSpec {
  id: string;
  label: string;
  /** `error` handles only carry runs whose step failed after its retries. */
  kind?: 'flow' | 'error';
}

export const INPUT_HANDLE = 'in';

/**
 * What a node needs bound in the suite. A node whose capability is missing (its module has not
 * landed, or the server has no such binding) is absent from the palette and cannot be published.
 */
export type NodeCapability =
  'email' | 'llm' | 'http' | 'profiles' | 'kestra' | 'helpdesk' | 'crm' | 'social' | 'scheduling';

/** Per-node retry policy for actions: exponential backoff with full jitter, then `error` or a failed run. */
export interface RetryPolicy {
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export interface ProfileSnapshot {
  id: string;
  traits: Record<string, unknown>;
  identities: Array<{ type: string; value: string }>;
}

export interface RunInfo {
  id: string;
  flowId: string;
  version: number;
  tenantId: string;
  profileId: string | null;
  /** Test runs: side effects go to the mocks and are marked as tests. */
  test: boolean;
  /**
   * When the run started: `logic.waitForEvent` continues at once if its event came since then.
   * Without it, only events since the wait step started count.
   */
  startedAt?: Date;
}

/** Why a waiting step is executed again. */
export type Resumption = { reason: 'timer' } | { reason: 'event'; event: FlowEvent };

export interface NodeExecutionContext<Config> {
  config: Config;
  run: RunInfo;
  /** The node being executed (`logic.split` hashes it with the profile, so each split is independent). */
  nodeId?: string;
  trigger: FlowEvent;
  profile: ProfileSnapshot | null;
  /** Outputs of the steps already done on this run's path, by node id (for templates and conditions). */
  steps: Record<string, unknown>;
  now: Date;
  /** Stable across retries and restarts of this step: hand it to every side effect. */
  idempotencyKey: string;
  attempt: number;
  /** Set when a step that returned `wait` is executed again. */
  resumed?: Resumption;
  /** When the step first started (a wait measures its duration from there, not from a retry). */
  stepStartedAt: Date;
  services: NodeServices;
}

export type NodeOutcome =
  /** Leave by `handle` (must be one of the node's outputs) with `output` recorded on the step. */
  | { kind: 'continue'; handle: string; output?: unknown }
  /**
   * Park the run. `until`: resume then with `{reason:'timer'}` (null = no timer). `forEvent`: resume
   * early with `{reason:'event'}` when this profile gets a matching event.
   */
  | {
      kind: 'wait';
      until: Date | null;
      forEvent?: { event: string; properties?: Record<string, unknown> };
      output?: unknown;
    }
  /** End the run as `exited`. */
  | { kind: 'exit'; output?: unknown };

/**
 * One node type of the catalog. Each lives in its own file under `domain/nodes/`; the registry lists
 * them. Its `type` id is a public contract (exported graphs carry it), never renamed.
 */
export interface NodeTypeDefinition<Config = Record<string, unknown>> {
  type: string;
  category: NodeCategory;
  label: string;
  description: string;
  /** Editor metadata: an icon name from `shared/ui`'s Icon set and an accent colour. */
  icon: string;
  color: string;
  configSchema: z.ZodType<Config>;
  defaultConfig: Config;
  /** Output handles for a given config (a switch has one per case). */
  outputs(config: Config): HandleSpec[];
  requires?: NodeCapability[];
  /** Only users with this role may publish a flow containing the node (Kestra: `ops`). */
  requiresRole?: 'ops' | 'admin';
  retry?: RetryPolicy;
  /** Triggers only: does this event start a run? */
  matches?(config: Config, event: FlowEvent): boolean;
  /** Logic and actions. Throwing means a failed attempt (retried per `retry`). */
  execute?(context: NodeExecutionContext<Config>): Promise<NodeOutcome>;
}
