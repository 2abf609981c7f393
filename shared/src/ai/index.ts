export * from './hashing-embedding-provider.ts';
export * from './openai-client.ts';
export * from './openai-embedding-provider.ts';
export * from './openai-llm-provider.ts';
