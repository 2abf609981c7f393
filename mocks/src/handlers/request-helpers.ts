/** Small pieces every mock handler needs to read a request the way the real API would. */

export function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** The JSON body, or `undefined` when the body is missing or not JSON (each API answers that its own way). */
export async function readJsonBody(
  request: Request,
): Promise<{ parsed: true; value: unknown } | { parsed: false }> {
  try {
    return { parsed: true, value: await request.json() };
  } catch {
    return { parsed: false };
  }
}

/** The token of an `Authorization: Bearer …` header, if there is a non-empty one. */
export function bearerTokenOf(request: Request): string | undefined {
  const match = /^Bearer\s+(\S.*)$/i.exec(request.headers.get('authorization') ?? '');
  return match?.[1]?.trim() || undefined;
}

/** `{ username, password }` of an `Authorization: Basic …` header, if there is a well-formed one. */
export function basicCredentialsOf(request: Request): { username: string; password: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '');
  if (!match?.[1]) return undefined;
  let decoded: string;
  try {
    decoded = atob(match[1]);
  } catch {
    return undefined;
  }
  const separator = decoded.indexOf(':');
  if (separator < 0) return undefined;
  return { username: decoded.slice(0, separator), password: decoded.slice(separator + 1) };
}

/** A rough token count (words and punctuation), enough for plausible `usage` figures. */
export function estimateTokens(text: string): number {
  return text.match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu)?.length ?? 0;
}

/** A short, stable hex fingerprint of a string (FNV-1a), for deterministic ids and replies. */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
