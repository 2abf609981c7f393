import { http, HttpResponse, type HttpHandler } from 'msw';
import { z } from 'zod';
import { embedByFeatureHashing } from '@orchestrator/shared/ai';
import {
  bearerTokenOf,
  estimateTokens,
  fingerprint,
  readJsonBody,
  withoutTrailingSlash,
} from './request-helpers.ts';

export const OPENAI_MOCK_DEFAULT_BASE_URL = 'https://api.openai.com/v1';

export interface OpenAiHandlersOptions {
  /** Where the client sends requests, including `/v1`. Default https://api.openai.com/v1. */
  baseUrl?: string;
  /** When set, only this key is accepted; otherwise any non-empty bearer key is. */
  apiKey?: string;
}

const TokenArraySchema = z.array(z.number().int().min(0)).min(1);

const EmbeddingsRequestSchema = z
  .object({
    model: z.string().min(1),
    input: z.union([
      z.string().min(1),
      z.array(z.string().min(1)).min(1).max(2048),
      TokenArraySchema,
      z.array(TokenArraySchema).min(1).max(2048),
    ]),
    encoding_format: z.enum(['float', 'base64']).optional(),
    dimensions: z.number().int().min(1).max(3072).optional(),
    user: z.string().optional(),
  })
  .loose();

const ContentPartSchema = z.object({ type: z.string(), text: z.string().optional() }).loose();

const ChatCompletionRequestSchema = z
  .object({
    model: z.string().min(1),
    messages: z
      .array(
        z
          .object({
            role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
            content: z.union([z.string(), z.array(ContentPartSchema), z.null()]).optional(),
          })
          .loose(),
      )
      .min(1),
    max_tokens: z.number().int().min(1).nullish(),
    max_completion_tokens: z.number().int().min(1).nullish(),
    temperature: z.number().min(0).max(2).nullish(),
    n: z.number().int().min(1).max(8).nullish(),
    stream: z.boolean().nullish(),
  })
  .loose();

/** OpenAI's error body. */
function openAiError(
  status: number,
  message: string,
  param: string | null = null,
  code: string | null = null,
) {
  return HttpResponse.json(
    { error: { message, type: 'invalid_request_error', param, code } },
    { status, headers: { 'x-request-id': `req_mock_${fingerprint(message)}` } },
  );
}

function invalidBody(error: z.ZodError) {
  const issue = error.issues[0];
  const param = issue ? issue.path.map(String).join('.') : null;
  return openAiError(
    400,
    `Invalid value for '${param ?? 'body'}': ${issue?.message ?? 'invalid request'}`,
    param,
  );
}

/** Float32 little-endian bytes in base64, exactly what the API returns for `encoding_format: base64`. */
function toBase64Float32(vector: number[]): string {
  const bytes = new Uint8Array(new Float32Array(vector).buffer);
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  }
  return btoa(binary);
}

function embeddingInputsOf(input: z.infer<typeof EmbeddingsRequestSchema>['input']): string[] {
  if (typeof input === 'string') return [input];
  const items: readonly unknown[] = input;
  // A flat number array is one tokenized input, not many.
  if (typeof items[0] === 'number') return [items.join(' ')];
  return items.map((item) => (Array.isArray(item) ? item.join(' ') : String(item)));
}

function textOf(content: z.infer<typeof ChatCompletionRequestSchema>['messages'][number]['content']): string {
  if (typeof content === 'string') return content;
  return (content ?? []).map((part) => part.text ?? '').join(' ');
}

/**
 * OpenAI's embeddings and chat completions. Answers are deterministic: embeddings are feature-hashed
 * (similar texts get similar unit vectors), a chat reply quotes the last user message.
 */
export function openAiHandlers(options: OpenAiHandlersOptions = {}): HttpHandler[] {
  const baseUrl = withoutTrailingSlash(options.baseUrl ?? OPENAI_MOCK_DEFAULT_BASE_URL);
  let completionCounter = 0;

  function refuseUnauthorized(request: Request) {
    const key = bearerTokenOf(request);
    if (!key) {
      return openAiError(
        401,
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
      );
    }
    if (options.apiKey !== undefined && key !== options.apiKey) {
      return openAiError(401, 'Incorrect API key provided.', null, 'invalid_api_key');
    }
    return undefined;
  }

  return [
    http.post(`${baseUrl}/embeddings`, async ({ request }) => {
      const unauthorized = refuseUnauthorized(request);
      if (unauthorized) return unauthorized;
      const body = await readJsonBody(request);
      if (!body.parsed) return openAiError(400, 'We could not parse the JSON body of your request.');
      const parsed = EmbeddingsRequestSchema.safeParse(body.value);
      if (!parsed.success) return invalidBody(parsed.error);
      const { model, input, dimensions, encoding_format: encoding } = parsed.data;

      if (dimensions !== undefined && model === 'text-embedding-ada-002') {
        return openAiError(400, 'This model does not support specifying dimensions.', 'dimensions');
      }
      const size = dimensions ?? (model === 'text-embedding-3-large' ? 3072 : 1536);
      const inputs = embeddingInputsOf(input);
      const promptTokens = inputs.reduce((sum, text) => sum + Math.max(1, estimateTokens(text)), 0);

      return HttpResponse.json({
        object: 'list',
        data: inputs.map((text, index) => {
          const vector = embedByFeatureHashing(text, size);
          return {
            object: 'embedding',
            index,
            embedding: encoding === 'base64' ? toBase64Float32(vector) : vector,
          };
        }),
        model,
        usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
      });
    }),

    http.post(`${baseUrl}/chat/completions`, async ({ request }) => {
      const unauthorized = refuseUnauthorized(request);
      if (unauthorized) return unauthorized;
      const body = await readJsonBody(request);
      if (!body.parsed) return openAiError(400, 'We could not parse the JSON body of your request.');
      const parsed = ChatCompletionRequestSchema.safeParse(body.value);
      if (!parsed.success) return invalidBody(parsed.error);
      const chat = parsed.data;
      if (chat.stream)
        return openAiError(
          400,
          'The Orchestrator OpenAI mock does not stream; send stream: false.',
          'stream',
        );

      const lastUserMessage = chat.messages.findLast((message) => message.role === 'user');
      const said = lastUserMessage ? textOf(lastUserMessage.content).replace(/\s+/g, ' ').trim() : '';
      const fullReply = said
        ? `Mock reply ${fingerprint(said)} to: ${said.slice(0, 500)}`
        : 'Mock reply: there was no user message to answer.';

      const limit = chat.max_completion_tokens ?? chat.max_tokens ?? undefined;
      const words = fullReply.split(' ');
      const truncated = limit !== undefined && words.length > limit;
      const reply = truncated ? words.slice(0, limit).join(' ') : fullReply;
      const promptTokens = chat.messages.reduce(
        (sum, message) => sum + 4 + estimateTokens(textOf(message.content)),
        0,
      );
      const completionTokens = truncated ? (limit ?? 0) : estimateTokens(reply);

      completionCounter += 1;
      return HttpResponse.json({
        id: `chatcmpl-mock${completionCounter}${fingerprint(said)}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: chat.model,
        system_fingerprint: 'fp_orchestrator_mock',
        service_tier: 'default',
        choices: Array.from({ length: chat.n ?? 1 }, (_, index) => ({
          index,
          message: { role: 'assistant', content: reply, refusal: null, annotations: [] },
          logprobs: null,
          finish_reason: truncated ? 'length' : 'stop',
        })),
        usage: {
          prompt_tokens: promptTokens,
          completion_tokens: completionTokens,
          total_tokens: promptTokens + completionTokens,
        },
      });
    }),
  ];
}
