import { z } from 'zod';
import { BadRequestError, NotFoundError, UpstreamError } from '@orchestrator/shared/errors';
import {
  KestraExecutionSchema,
  KestraFlowSchema,
  type KestraApi,
  type KestraExecution,
  type KestraFlow,
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

  async triggerExecution(
    namespace: string,
    flowId: string,
    inputs: Record<string, string>,
  ): Promise<KestraExecution> {
    // Kestra reads execution inputs from a multipart form, one part per input.
    const form = new FormData();
    for (const [name, value] of Object.entries(inputs)) form.append(name, value);
    const body = await this.request(
      'POST',
      `/executions/${encodeURIComponent(namespace)}/${encodeURIComponent(flowId)}`,
      form,
    );
    return this.parse(KestraExecutionSchema, body, `execution of ${namespace}.${flowId}`);
  }

  async getExecution(executionId: string): Promise<KestraExecution> {
    const body = await this.request('GET', `/executions/${encodeURIComponent(executionId)}`);
    return this.parse(KestraExecutionSchema, body, `execution ${executionId}`);
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
