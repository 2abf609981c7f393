import type { ReturnToState } from './RequireSession.tsx';

/** The page to open after signing in: where the user was sent away from, else the workspace home. */
export function returnToPath(state: unknown): string {
  const from = (state as ReturnToState | null)?.from;
  // Only paths of this app: "//host" would be read as another origin.
  if (!from || typeof from.pathname !== 'string' || !/^\/(?!\/)/.test(from.pathname)) return '/';
  if (from.pathname === '/login' || from.pathname === '/signup') return '/';
  return `${from.pathname}${from.search ?? ''}${from.hash ?? ''}`;
}
