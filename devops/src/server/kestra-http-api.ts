import { z } from 'zod';
import { BadRequestError, NotFoundError, UpstreamError } from '@orchestrator/shared/errors';
import {
  KestraExecutionSchema,
  KestraFlowSchema,
  KestraTriggerOptionsSchema,
  type KestraApi,
  type KestraExecution,
  type KestraFlow,
  type KestraLabel,
  type KestraTriggerOptions,
} from '@orchestrator/shared/ports';

export interface KestraHttpApiOptions {
  /** Kestra's base URL, e.g. http://kestra:8080 (without /api). */
  url: string;
  /**
   * The tenant path segment: Kestra 0.20+ and 1.x OSS serve `/api/v1/main/...`. `null` uses the
   * older un-tenanted paths `/api/v1/...`. Default `main`.
   */
  tenant?: string | null;
  /** Basic auth (Kestra OSS asks for it by default since 0.24). */
  username?: string;
  password?: string;
  /** Default 15 s. */
  timeoutMs?: number;
}

/**
 * The label an execution started with an idempotency key carries. Its value is the key's SHA-256 in hex:
 * the suite's keys hold `:` (`run:node:visit`), which Kestra's `key:value` label parameters cannot carry
 * (older servers split on every `:` and answer 422; newer ones split on the first), and hex stays short
 * and plain whatever the key.
 */
export const KESTRA_IDEMPOTENCY_LABEL_KEY = 'orchestrator-idempotency-key';

export async function kestraIdempotencyLabel(idempotencyKey: string): Promise<KestraLabel> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(idempotencyKey));
  const hex = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return { key: KESTRA_IDEMPOTENCY_LABEL_KEY, value: hex };
}

/** `GET /executions/search` answers a page: `{ results, total }`. */
const KestraExecutionPageSchema = z.object({
  results: z.array(KestraExecutionSchema),
  total: z.number(),
});

/** Kestra (Micronaut) errors: `{ message, _embedded: { errors: [{ message }] } }`. */
const KestraErrorSchema = z.object({
  message: z.string().optional(),
  _embedded: z.object({ errors: z.array(z.object({ message: z.string() })).optional() }).optional(),
});

/** The typed client of the few Kestra REST endpoints the suite uses (there is no official JS client). */
export class KestraHttpApi implements KestraApi {
  private readonly apiUrl: string;
  private readonly authorization: string | undefined;

  constructor(private readonly options: KestraHttpApiOptions) {
    const base = options.url.replace(/\/+$/, '');
    const tenant = options.tenant === undefined ? 'main' : options.tenant;
    this.apiUrl = tenant ? `${base}/api/v1/${encodeURIComponent(tenant)}` : `${base}/api/v1`;
    this.authorization =
      options.username !== undefined && options.username !== ''
        ? `Basic ${btoa(`${options.username}:${options.password ?? ''}`)}`
        : undefined;
  }

  async listFlows(namespace: string): Promise<KestraFlow[]> {
    const body = await this.request('GET', `/flows/${encodeURIComponent(namespace)}`);
    return this.parse(z.array(KestraFlowSchema), body, `flows of ${namespace}`);
  }

  /**
   * Kestra has no idempotency key for executions started through its API, so with a key this dedupes the
   * Kestra way: the execution is created with a label derived from the key, and before creating one the
   * client looks for an execution of this flow that already carries that label and returns it instead.
   *
   * What remains is a race: two attempts that both search before either has created an execution start
   * two. Acceptable here, because the flows executor runs a step only while it holds the run's lease
   * (claimed `FOR UPDATE SKIP LOCKED`, 60 s by default), so a retry of the same step starts only after the
   * earlier attempt ended or its lease ran out, and this client gives up on each of its two requests
   * after `timeoutMs` (15 s by default), well within the lease. Kestra also stores a new execution asynchronously (the create endpoint queues it), so a search
   * in the same instant as a create could miss it; retries come after a backoff of at least a second.
   */
  async triggerExecution(
    namespace: string,
    flowId: string,
    inputs: Record<string, string>,
    options: KestraTriggerOptions = {},
  ): Promise<KestraExecution> {
    const { idempotencyKey } = KestraTriggerOptionsSchema.parse(options);
    const label = idempotencyKey === undefined ? undefined : await kestraIdempotencyLabel(idempotencyKey);
    if (label) {
      const existing = await this.findLabelledExecution(namespace, flowId, label);
      if (existing) return existing;
    }

    // Kestra reads execution inputs from a multipart form, one part per input; labels are `key:value`
    // query parameters (`labels`, repeatable).
    const form = new FormData();
    for (const [name, value] of Object.entries(inputs)) form.append(name, value);
    const query = label ? `?${new URLSearchParams({ labels: `${label.key}:${label.value}` })}` : '';
    const body = await this.request(
      'POST',
      `/executions/${encodeURIComponent(namespace)}/${encodeURIComponent(flowId)}${query}`,
      form,
    );
    return this.parse(KestraExecutionSchema, body, `execution of ${namespace}.${flowId}`);
  }

  async getExecution(executionId: string): Promise<KestraExecution> {
    const body = await this.request('GET', `/executions/${encodeURIComponent(executionId)}`);
    return this.parse(KestraExecutionSchema, body, `execution ${executionId}`);
  }

  /** The oldest execution of this flow carrying `label`, if any. */
  private async findLabelledExecution(
    namespace: string,
    flowId: string,
    label: KestraLabel,
  ): Promise<KestraExecution | undefined> {
    const query = new URLSearchParams();
    // Current Kestra reads the generic `filters[field][operation]` parameters and then ignores the rest…
    query.append('filters[namespace][EQUALS]', namespace);
    query.append('filters[flowId][EQUALS]', flowId);
    query.append(`filters[labels][EQUALS][${label.key}]`, label.value);
    // …older servers know only these (deprecated since, still accepted; `namespace` there is a prefix).
    query.append('namespace', namespace);
    query.append('flowId', flowId);
    query.append('labels', `${label.key}:${label.value}`);
    query.append('size', '25');
    const body = await this.request('GET', `/executions/search?${query}`);
    const page = this.parse(KestraExecutionPageSchema, body, `executions of ${namespace}.${flowId}`);
    // Checked again here: a server that ignored a filter must not hand back some other execution.
    const matching = page.results.filter(
      (execution) =>
        execution.namespace === namespace &&
        execution.flowId === flowId &&
        (execution.labels ?? []).some((each) => each.key === label.key && each.value === label.value),
    );
    return matching.sort((a, b) => (a.state.startDate ?? '').localeCompare(b.state.startDate ?? ''))[0];
  }

  private async request(method: 'GET' | 'POST', path: string, body?: FormData): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.authorization) headers['authorization'] = this.authorization;

    let response: Response;
    try {
      // `globalThis.fetch` is looked up per call so request interception (MSW) applies to it.
      response = await globalThis.fetch(`${this.apiUrl}${path}`, {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw new UpstreamError(
        'Kestra',
        `${method} ${path} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }

    const payload: unknown = await response.json().catch(() => undefined);
    if (response.ok) return payload;

    const reason = describeKestraError(payload) ?? response.statusText;
    if (response.status === 404) throw new NotFoundError(`Kestra: ${reason || 'not found'}`);
    // 400/422 mean Kestra refused what we sent (typically flow inputs): the caller's input, not an outage.
    if (response.status === 400 || response.status === 422) throw new BadRequestError(`Kestra: ${reason}`);
    throw new UpstreamError(
      'Kestra',
      `${method} ${path} answered ${response.status}${reason ? `: ${reason}` : ''}`,
    );
  }

  private parse<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new UpstreamError('Kestra', `unexpected ${what}: ${z.prettifyError(parsed.error)}`);
    }
    return parsed.data;
  }
}

function describeKestraError(payload: unknown): string | undefined {
  const parsed = KestraErrorSchema.safeParse(payload);
  if (!parsed.success) return undefined;
  const details = parsed.data._embedded?.errors?.map((error) => error.message) ?? [];
  const messages = [parsed.data.message, ...details].filter((message): message is string => Boolean(message));
  return messages.length > 0 ? [...new Set(messages)].join('; ') : undefined;
}
