import { z } from 'zod';

export const ChatMessageSchema = z.object({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string(),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

export interface CompletionResult {
  text: string;
  model: string;
  usage: { inputTokens: number; outputTokens: number };
}

export interface LlmProvider {
  complete(request: {
    messages: ChatMessage[];
    maxTokens?: number;
    temperature?: number;
  }): Promise<CompletionResult>;
}
