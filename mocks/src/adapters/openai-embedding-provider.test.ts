import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenAiEmbeddingProvider } from '@orchestrator/shared/ai';
import { UpstreamError } from '@orchestrator/shared/errors';
import { startMockServer, type MockServer } from '../node.ts';

function cosine(left: number[], right: number[]): number {
  return left.reduce((sum, value, index) => sum + value * (right[index] ?? 0), 0);
}

describe('OpenAiEmbeddingProvider against the OpenAI mock', () => {
  let mocks: MockServer;
  beforeAll(() => {
    mocks = startMockServer({ openAi: { baseUrl: 'https://openai.proxy.test/v1' } });
  });
  afterAll(() => mocks.close());

  const provider = new OpenAiEmbeddingProvider({
    apiKey: 'sk-test',
    baseUrl: 'https://openai.proxy.test/v1',
    maxRetries: 0,
  });

  it('returns one 1536-dimension unit vector per text, in order (decoding the SDK’s base64 default)', async () => {
    const requestedEncodings: Promise<unknown>[] = [];
    const recordEncoding = ({ request }: { request: Request }) => {
      requestedEncodings.push(
        request
          .clone()
          .json()
          .then((body: { encoding_format?: unknown }) => body.encoding_format),
      );
    };
    mocks.server.events.on('request:start', recordEncoding);
    const texts = ['invoice billing question', 'question about my invoice', 'shipping address change'];
    const vectors = await provider.embed(texts);
    expect(provider.dimensions).toBe(1536);
    expect(provider.model).toBe('text-embedding-3-small');
    expect(vectors).toHaveLength(3);
    for (const vector of vectors) {
      expect(vector).toHaveLength(1536);
      // float32 on the wire: unit length up to float precision.
      expect(Math.sqrt(cosine(vector, vector))).toBeCloseTo(1, 5);
    }
    const [query, related, unrelated] = vectors as [number[], number[], number[]];
    expect(cosine(query, related)).toBeGreaterThan(cosine(query, unrelated));
    expect(await provider.embed([texts[1]!])).toEqual([related]);
    mocks.server.events.removeListener('request:start', recordEncoding);
    // openai v7 asks for base64 unless told otherwise, and decodes it itself.
    expect(await Promise.all(requestedEncodings)).toContain('base64');
  });

  it('honours the configured dimensions and splits large inputs into batches', async () => {
    const small = new OpenAiEmbeddingProvider({
      apiKey: 'sk-test',
      baseUrl: 'https://openai.proxy.test/v1',
      dimensions: 256,
      batchSize: 2,
      maxRetries: 0,
    });
    const texts = ['a', 'b', 'c', 'd', 'e', ''];
    const vectors = await small.embed(texts);
    expect(vectors).toHaveLength(6);
    for (const vector of vectors) expect(vector).toHaveLength(256);
    expect(vectors[0]).toEqual((await small.embed(['a']))[0]);
    expect(await small.embed([])).toEqual([]);
  });

  it('refuses vectors of the wrong size as an upstream failure', async () => {
    const large = new OpenAiEmbeddingProvider({
      apiKey: 'sk-test',
      baseUrl: 'https://openai.proxy.test/v1',
      model: 'text-embedding-3-large',
      dimensions: 1536,
      maxRetries: 0,
    });
    // The large model honours `dimensions`, so this works…
    expect((await large.embed(['x']))[0]).toHaveLength(1536);
    // …but ada-002 ignores it, returns 1536, and a 512-dimension column would be corrupted.
    const ada = new OpenAiEmbeddingProvider({
      apiKey: 'sk-test',
      baseUrl: 'https://openai.proxy.test/v1',
      model: 'text-embedding-ada-002',
      dimensions: 512,
      maxRetries: 0,
    });
    await expect(ada.embed(['x'])).rejects.toBeInstanceOf(UpstreamError);
  });
});
