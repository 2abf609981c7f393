import { z } from 'zod';

export const SocialPostSchema = z.object({
  text: z.string().min(1),
  mediaUrls: z.array(z.url()).default([]),
});
export type SocialPost = z.infer<typeof SocialPostSchema>;

/** One social network (X, LinkedIn, Mastodon, …) as seen by the publisher. */
export interface SocialProvider {
  readonly network: string;
  readonly maxLength: number;
  publish(accountToken: string, post: SocialPost): Promise<{ externalId: string; url: string }>;
}

export interface SocialProviderRegistry {
  get(network: string): SocialProvider | undefined;
  list(): SocialProvider[];
}
