import type OpenAI from 'openai';
import { UpstreamError } from '../errors/domain-errors.ts';
import type { EmbeddingProvider } from '../ports/embedding-provider.ts';
import { createOpenAiClient, toOpenAiUpstreamError, type OpenAiConnectionOptions } from './openai-client.ts';

export const OPENAI_DEFAULT_EMBEDDING_MODEL = 'text-embedding-3-small';
export const OPENAI_DEFAULT_EMBEDDING_DIMENSIONS = 1536;

/** OpenAI's limit of inputs in one embeddings request. */
const MAX_INPUTS_PER_REQUEST = 2048;
/** OpenAI refuses requests over 300k tokens in total; at ~4 characters a token this stays well below. */
const MAX_CHARACTERS_PER_REQUEST = 800_000;

export interface OpenAiEmbeddingProviderOptions extends OpenAiConnectionOptions {
  /** Defaults to text-embedding-3-small. */
  model?: string;
  /** Length of the returned vectors; text-embedding-3-* shorten theirs on request. Default 1536. */
  dimensions?: number;
  /** Most texts sent in one request (at most 2048). Default 256. */
  batchSize?: number;
}

/** The embedding port on OpenAI's embeddings API, through the official SDK, in batches. */
export class OpenAiEmbeddingProvider implements EmbeddingProvider {
  readonly model: string;
  readonly dimensions: number;
  private readonly batchSize: number;
  private readonly client: OpenAI;

  constructor(options: OpenAiEmbeddingProviderOptions) {
    this.model = options.model ?? OPENAI_DEFAULT_EMBEDDING_MODEL;
    this.dimensions = options.dimensions ?? OPENAI_DEFAULT_EMBEDDING_DIMENSIONS;
    this.batchSize = Math.min(Math.max(1, options.batchSize ?? 256), MAX_INPUTS_PER_REQUEST);
    this.client = createOpenAiClient(options);
  }

  async embed(texts: readonly string[]): Promise<number[][]> {
    const vectors: number[][] = [];
    // Sequential on purpose: parallel batches would only trip the account's rate limit sooner.
    for (const batch of this.toBatches(texts)) {
      vectors.push(...(await this.embedBatch(batch)));
    }
    return vectors;
  }

  private async embedBatch(batch: string[]): Promise<number[][]> {
    let response: OpenAI.Embeddings.CreateEmbeddingResponse;
    try {
      response = await this.client.embeddings.create({
        model: this.model,
        input: batch,
        // text-embedding-ada-002 has a fixed size and refuses the parameter.
        ...(this.model.startsWith('text-embedding-ada') ? {} : { dimensions: this.dimensions }),
      });
    } catch (error) {
      throw toOpenAiUpstreamError(error);
    }

    if (response.data.length !== batch.length) {
      throw new UpstreamError('OpenAI', `asked for ${batch.length} embeddings, got ${response.data.length}`);
    }
    const ordered = [...response.data].sort((left, right) => left.index - right.index);
    return ordered.map(({ embedding }) => {
      if (embedding.length !== this.dimensions) {
        throw new UpstreamError('OpenAI', `expected ${this.dimensions} dimensions, got ${embedding.length}`);
      }
      return Array.from(embedding);
    });
  }

  private *toBatches(texts: readonly string[]): Generator<string[]> {
    let batch: string[] = [];
    let characters = 0;
    for (const text of texts) {
      // OpenAI refuses empty strings; a blank text embeds like a single space instead.
      const input = text.trim() === '' ? ' ' : text;
      if (
        batch.length > 0 &&
        (batch.length >= this.batchSize || characters + input.length > MAX_CHARACTERS_PER_REQUEST)
      ) {
        yield batch;
        batch = [];
        characters = 0;
      }
      batch.push(input);
      characters += input.length;
    }
    if (batch.length > 0) yield batch;
  }
}
