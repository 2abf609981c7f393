import type OpenAI from 'openai';
import { UpstreamError } from '../errors/domain-errors.ts';
import type { ChatMessage, CompletionResult, LlmProvider } from '../ports/llm-provider.ts';
import { createOpenAiClient, toOpenAiUpstreamError, type OpenAiConnectionOptions } from './openai-client.ts';

export const OPENAI_DEFAULT_CHAT_MODEL = 'gpt-4o-mini';

export interface OpenAiLlmProviderOptions extends OpenAiConnectionOptions {
  /** Defaults to gpt-4o-mini. */
  model?: string;
}

/** The LLM port on OpenAI's Chat Completions API, through the official SDK. */
export class OpenAiLlmProvider implements LlmProvider {
  readonly model: string;
  private readonly client: OpenAI;

  constructor(options: OpenAiLlmProviderOptions) {
    this.model = options.model ?? OPENAI_DEFAULT_CHAT_MODEL;
    this.client = createOpenAiClient(options);
  }

  async complete(request: {
    messages: ChatMessage[];
    maxTokens?: number;
    temperature?: number;
  }): Promise<CompletionResult> {
    let completion: OpenAI.Chat.Completions.ChatCompletion;
    try {
      completion = await this.client.chat.completions.create({
        model: this.model,
        messages: request.messages.map(({ role, content }) => ({ role, content })),
        // `max_tokens` is deprecated and refused by reasoning models; this one works everywhere.
        max_completion_tokens: request.maxTokens,
        temperature: request.temperature,
      });
    } catch (error) {
      throw toOpenAiUpstreamError(error);
    }

    const message = completion.choices[0]?.message;
    if (!message) throw new UpstreamError('OpenAI', 'the completion has no choices');
    if (message.content == null) {
      throw new UpstreamError(
        'OpenAI',
        message.refusal ? `the model refused: ${message.refusal}` : 'empty reply',
      );
    }
    return {
      text: message.content,
      model: completion.model,
      usage: {
        inputTokens: completion.usage?.prompt_tokens ?? 0,
        outputTokens: completion.usage?.completion_tokens ?? 0,
      },
    };
  }
}
