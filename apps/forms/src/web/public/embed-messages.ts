/** Messages the public page posts to the page that embeds it (read by the embed snippets). */
export const EMBED_HEIGHT_MESSAGE = 'orchestrator-form:height';
export const EMBED_REDIRECT_MESSAGE = 'orchestrator-form:redirect';

export function isEmbedded(search: URLSearchParams): boolean {
  return search.get('embed') === '1' && window.parent !== window;
}

export function postToParent(message: Record<string, unknown>): void {
  // The embedding page can be any site; the messages carry nothing private (a height, a public URL).
  window.parent.postMessage(message, '*');
}
