import { useSyncExternalStore } from 'react';
import { getSession, subscribeToSession } from '@orchestrator/shared/api-client';

/** The server lets owners, admins and members change segments; viewers (and ops) only read them. */
export function useCanEditSegments(): boolean {
  const role = useSyncExternalStore(
    subscribeToSession,
    () => getSession()?.role,
    () => undefined,
  );
  return role === 'owner' || role === 'admin' || role === 'member';
}
