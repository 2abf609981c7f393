import type { EmailSender, KestraApi, LlmProvider } from '@orchestrator/shared/ports';

export interface WebhookRequest {
  url: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers: Record<string, string>;
  body?: unknown;
  /** Refuse loopback and private addresses unless the node's config allows them. */
  allowPrivateNetworks: boolean;
  idempotencyKey: string;
  timeoutMs: number;
}

export interface WebhookResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** The ports node executors reach the world through; bound by the server, faked in domain tests. */
export interface NodeServices {
  email: EmailSender;
  llm: LlmProvider;
  /** Sends signed requests (HMAC-SHA256 of the body with the flow's signing secret). */
  webhooks: { send(request: WebhookRequest): Promise<WebhookResponse> };
  /** Writes through the CDP (an `identify` via the outbox), so the change lands in the profile and its timeline. */
  profiles: {
    updateTraits(input: {
      tenantId: string;
      profileId: string;
      set: Record<string, unknown>;
      addTags?: string[];
      removeTags?: string[];
      idempotencyKey: string;
    }): Promise<void>;
  };
  /** For `logic.waitForEvent`: did this profile already get the event since `since`? */
  events: {
    happenedSince(input: {
      tenantId: string;
      profileId: string;
      event: string;
      since: Date;
      properties?: Record<string, unknown>;
    }): Promise<FlowEventLike | null>;
  };
  /** Absent unless the devops module binds Kestra. */
  kestra?: KestraApi;
}

export interface FlowEventLike {
  event: string;
  timestamp: string;
  properties: Record<string, unknown>;
}
