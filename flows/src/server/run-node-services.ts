import { ProfileReader } from '@orchestrator/cdp/client';
import type {
  CdpClient,
  Clock,
  Database,
  EmailSender,
  KestraApi,
  LlmProvider,
} from '@orchestrator/shared/ports';
import {
  PermanentNodeError,
  eventMatchesProperties,
  type NodeServices,
  type RunInfo,
  type WebhookResponse,
} from '../domain/index.ts';
import { sendWebhook } from './webhook-client.ts';

export interface RunServicesDependencies {
  database: Database;
  clock: Clock;
  email: EmailSender;
  llm: LlmProvider;
  cdp: CdpClient;
  /** Bound only where Kestra is (the devops module); `action.kestra` is unavailable otherwise. */
  kestra?: KestraApi;
  /**
   * WEBHOOKS_ALLOW_PRIVATE_NETWORKS, the operator's ceiling: without it no webhook step may call a
   * loopback or private address, whatever its own `allowPrivateNetworks` says.
   */
  allowPrivateNetworks: boolean;
}

/** Subject prefix and header of the e-mails test runs send, so nobody mistakes them for real ones. */
export const TEST_EMAIL_SUBJECT_PREFIX = '[Test] ';
export const TEST_RUN_HEADER = 'X-Orchestrator-Test-Run';

/**
 * The NodeServices one run's steps get.
 * - Webhooks are signed with the flow's own signing secret (HMAC-SHA256, `X-Orchestrator-Signature`,
 *   shown to editors on the flow), carry the step's idempotency key, time out, and refuse loopback and
 *   private targets unless both the node's config and the server (WEBHOOKS_ALLOW_PRIVATE_NETWORKS, on
 *   by default only in local mode) allow them: an editor cannot open internal addresses in staging.
 * - Profile updates are an `identify` sent through the CDP client (the outbox) with the step's
 *   idempotency key as messageId, so a retried step changes the profile once and the change shows in
 *   its timeline.
 * - Test runs: e-mails go out marked (subject prefix + header; local mode's mailbox receives them),
 *   webhooks are never called (a dry run: the request is returned as the response body, so it shows
 *   as the step's output), profile updates are not written, and Kestra flows are not started (the
 *   step fails, saying so: an ops flow is tested in Kestra itself).
 */
export function runNodeServices(
  deps: RunServicesDependencies,
  run: RunInfo,
  signingSecret: string,
): NodeServices {
  const reader = new ProfileReader();
  const services: NodeServices = {
    email: run.test
      ? {
          send: (message) =>
            deps.email.send({
              ...message,
              subject: `${TEST_EMAIL_SUBJECT_PREFIX}${message.subject}`,
              headers: { ...message.headers, [TEST_RUN_HEADER]: run.id },
            }),
        }
      : deps.email,
    llm: deps.llm,
    webhooks: {
      async send(request): Promise<WebhookResponse> {
        const allowPrivateNetworks = request.allowPrivateNetworks && deps.allowPrivateNetworks;
        if (run.test) {
          return {
            status: 200,
            headers: { 'x-orchestrator-dry-run': '1' },
            body: {
              dryRun: true,
              request: {
                url: request.url,
                method: request.method,
                headers: request.headers,
                body: request.body,
              },
            },
          };
        }
        return sendWebhook(
          { ...request, allowPrivateNetworks },
          { secret: signingSecret, now: deps.clock.now(), extraHeaders: { 'X-Orchestrator-Run': run.id } },
        );
      },
    },
    profiles: {
      async updateTraits(input) {
        if (run.test) return;
        await deps.database.tenantTx(input.tenantId, async (tx) => {
          const profile = await reader.snapshot(tx, input.profileId);
          if (!profile) throw new Error(`The profile ${input.profileId} no longer exists`);
          const traits: Record<string, unknown> = { ...input.set };
          if (input.addTags?.length || input.removeTags?.length) {
            const current = Array.isArray(profile.traits.tags) ? profile.traits.tags.map(String) : [];
            const removed = new Set(input.removeTags ?? []);
            traits.tags = [...new Set([...current, ...(input.addTags ?? [])])].filter(
              (tag) => !removed.has(tag),
            );
          }
          // The CDP finds the profile by its user or anonymous id; a profile known only by e-mail is
          // reached through that e-mail (an identifier) with an anonymous id of our own.
          const email = profile.identities.find((identity) => identity.type === 'email')?.value;
          const address = profile.userId
            ? { userId: profile.userId }
            : profile.anonymousId
              ? { anonymousId: profile.anonymousId }
              : email
                ? { anonymousId: `flows:${profile.id}` }
                : undefined;
          if (!address)
            throw new Error('The profile has no user id, anonymous id or e-mail to address it by');
          const byEmail = !profile.userId && !profile.anonymousId;
          await deps.cdp.enqueue(tx, input.tenantId, [
            {
              type: 'identify',
              messageId: input.idempotencyKey,
              ...address,
              traits: byEmail ? { email, ...traits } : traits,
              context: { flows: { runId: run.id, flowId: run.flowId } },
              timestamp: deps.clock.now().toISOString(),
            },
          ]);
        });
      },
    },
    events: {
      async happenedSince(input) {
        const candidates = await deps.database.tenantTx(input.tenantId, (tx) =>
          reader.eventsSince(tx, input),
        );
        const found = candidates.find((candidate) =>
          eventMatchesProperties(candidate.properties, input.properties),
        );
        return found
          ? { event: found.event, timestamp: found.timestamp, properties: found.properties }
          : null;
      },
    },
    ...(deps.kestra ? { kestra: run.test ? refusingKestra(deps.kestra) : deps.kestra } : {}),
  };
  return services;
}

/** Kestra for test runs: reads pass, starting an execution is refused (never retried). */
function refusingKestra(kestra: KestraApi): KestraApi {
  return {
    listFlows: (namespace) => kestra.listFlows(namespace),
    getExecution: (executionId) => kestra.getExecution(executionId),
    triggerExecution: async () => {
      throw new PermanentNodeError('Test runs do not start Kestra flows.');
    },
  };
}
