import { useMemo, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import { AuthResponseSchema, MeResponseSchema } from '@orchestrator/shared/contracts';
import type { LoginRequest, SignupRequest } from '@orchestrator/shared/contracts';
import {
  apiClient,
  clearSession,
  getSession,
  setSession,
  subscribeToSession,
} from '@orchestrator/shared/api-client';
import { SessionContext } from './session-context.ts';
import type { SessionApi } from './session-context.ts';

async function login(credentials: LoginRequest) {
  const session = await apiClient.post('/api/v1/auth/login', credentials, AuthResponseSchema);
  setSession(session);
  return session;
}

async function signup(request: SignupRequest) {
  const session = await apiClient.post('/api/v1/auth/signup', request, AuthResponseSchema);
  setSession(session);
  return session;
}

async function refresh(signal?: AbortSignal) {
  const before = getSession();
  if (!before) return;
  const me = await apiClient.get('/api/v1/auth/me', MeResponseSchema, { signal });
  // Only update the session the answer belongs to; the user may have signed out meanwhile.
  const now = getSession();
  if (now?.token === before.token) setSession({ ...now, user: me.user, tenant: me.tenant, role: me.role });
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const session = useSyncExternalStore(subscribeToSession, getSession);
  const api = useMemo<SessionApi>(
    () => ({ session, login, signup, logout: clearSession, refresh }),
    [session],
  );
  return <SessionContext value={api}>{children}</SessionContext>;
}
