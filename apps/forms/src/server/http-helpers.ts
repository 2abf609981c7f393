import type { Config } from '@orchestrator/shared/config';

/** The suite's public base URL (PUBLIC_URL; local mode defaults it to http://localhost:<PORT>). */
export function baseUrlOf(config: Pick<Config, 'PUBLIC_URL'>): string {
  return config.PUBLIC_URL.replace(/\/+$/, '');
}

/** The public URL of a form. */
export const formUrl = (baseUrl: string, slug: string) => `${baseUrl}/f/${slug}`;
