import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenAiLlmProvider } from '@orchestrator/shared/ai';
import { UpstreamError } from '@orchestrator/shared/errors';
import { startMockServer, type MockServer } from '../node.ts';

describe('OpenAiLlmProvider against the OpenAI mock', () => {
  let mocks: MockServer;
  beforeAll(() => {
    mocks = startMockServer({ openAi: { apiKey: 'sk-test' } });
  });
  afterAll(() => mocks.close());

  // Built before the mock server starts: still intercepted, because the client looks fetch up per call.
  const provider = new OpenAiLlmProvider({ apiKey: 'sk-test', model: 'gpt-4o-mini', maxRetries: 0 });

  it('completes a chat with the reply, model and token usage', async () => {
    const result = await provider.complete({
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Summarize ticket 42 please' },
      ],
      temperature: 0,
    });
    expect(result.text).toContain('Summarize ticket 42 please');
    expect(result.model).toBe('gpt-4o-mini');
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
  });

  it('is deterministic for the same conversation', async () => {
    const request = { messages: [{ role: 'user' as const, content: 'Classify: refund request' }] };
    const first = await provider.complete(request);
    const second = await provider.complete(request);
    expect(second.text).toBe(first.text);
  });

  it('honours maxTokens', async () => {
    const result = await provider.complete({
      messages: [{ role: 'user', content: 'one two three four five six seven eight nine ten' }],
      maxTokens: 3,
    });
    expect(result.text.split(' ')).toHaveLength(3);
    expect(result.usage.outputTokens).toBe(3);
  });

  it('wraps API failures in UpstreamError', async () => {
    const wrongKey = new OpenAiLlmProvider({ apiKey: 'sk-wrong', maxRetries: 0 });
    const failure = wrongKey.complete({ messages: [{ role: 'user', content: 'hi' }] });
    await expect(failure).rejects.toBeInstanceOf(UpstreamError);
    await expect(failure).rejects.toThrow(/^OpenAI: 401 Incorrect API key/);

    const invalid = provider.complete({ messages: [{ role: 'user', content: 'hi' }], temperature: 5 });
    await expect(invalid).rejects.toThrow(/^OpenAI: 400 .*temperature/);
  });
});
