import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../node.ts';

const BASE = 'https://api.openai.com/v1';

function post(
  path: string,
  body: unknown,
  headers: Record<string, string> = { authorization: 'Bearer sk-test' },
) {
  return fetch(`${BASE}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('OpenAI mock (wire format)', () => {
  let mocks: MockServer;
  beforeAll(() => {
    mocks = startMockServer();
  });
  afterAll(() => mocks.close());

  it('answers float embeddings with the requested dimensions', async () => {
    const response = await post('/embeddings', {
      model: 'text-embedding-3-small',
      input: 'hello world',
      encoding_format: 'float',
      dimensions: 64,
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      object: 'list',
      model: 'text-embedding-3-small',
      usage: { prompt_tokens: 2 },
    });
    expect(body.data[0]).toMatchObject({ object: 'embedding', index: 0 });
    expect(body.data[0].embedding).toHaveLength(64);
  });

  it('answers base64 embeddings as little-endian float32', async () => {
    const response = await post('/embeddings', {
      model: 'text-embedding-3-small',
      input: ['a', 'b'],
      encoding_format: 'base64',
    });
    const body = await response.json();
    expect(body.data).toHaveLength(2);
    const bytes = Buffer.from(body.data[1].embedding, 'base64');
    expect(bytes.length).toBe(1536 * 4);
  });

  it('refuses a missing key with 401 and bad bodies with 400, in OpenAI’s error shape', async () => {
    const unauthorized = await post('/embeddings', { model: 'm', input: 'x' }, {});
    expect(unauthorized.status).toBe(401);
    expect((await unauthorized.json()).error).toMatchObject({ type: 'invalid_request_error', code: null });

    const invalid = await post('/chat/completions', { model: 'gpt-4o-mini', messages: [] });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error).toMatchObject({ type: 'invalid_request_error', param: 'messages' });

    const notJson = await post('/embeddings', '{oops');
    expect(notJson.status).toBe(400);

    const ada = await post('/embeddings', { model: 'text-embedding-ada-002', input: 'x', dimensions: 8 });
    expect(ada.status).toBe(400);
    expect((await ada.json()).error.param).toBe('dimensions');
  });

  it('answers chat completions in OpenAI’s shape', async () => {
    const response = await post('/chat/completions', {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello there' }] }],
    });
    const body = await response.json();
    expect(body).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-4o-mini',
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant' } }],
    });
    expect(body.choices[0].message.content).toContain('Hello there');
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + body.usage.completion_tokens);
  });
});
