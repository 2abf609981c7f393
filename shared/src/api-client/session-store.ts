import { AuthResponseSchema } from '@orchestrator/shared/contracts';
import type { AuthResponse } from '@orchestrator/shared/contracts';

/** Who is signed in, into which workspace, with which role; the token authorises API calls. */
export type Session = AuthResponse;

const STORAGE_KEY = 'orchestrator.session';

/*
 * The session lives outside React so the API client (plain functions) can read the token and clear
 * the session on a 401; React subscribes through useSyncExternalStore.
 */
let current: Session | null = readStoredSession();
const listeners = new Set<() => void>();

function readStoredSession(): Session | null {
  if (typeof localStorage === 'undefined') return null;
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    // A session written by an older version of the app, or edited by hand, counts as signed out.
    const parsed = AuthResponseSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function notify(): void {
  listeners.forEach((listener) => listener());
}

export function getSession(): Session | null {
  return current;
}

export function setSession(session: Session): void {
  current = session;
  localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  notify();
}

export function clearSession(): void {
  if (current === null) return;
  current = null;
  localStorage.removeItem(STORAGE_KEY);
  notify();
}

export function subscribeToSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Signing out (or in) in one tab does the same in the others.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key !== STORAGE_KEY && event.key !== null) return;
    current = readStoredSession();
    notify();
  });
}
