import { useSyncExternalStore } from 'react';
import { getSession, subscribeToSession } from '@orchestrator/shared/api-client';

/** Whether the signed-in user may change automations (owners, admins and members; not viewers). */
export function useCanEdit(): boolean {
  const session = useSyncExternalStore(subscribeToSession, getSession, () => null);
  return session?.role === 'owner' || session?.role === 'admin' || session?.role === 'member';
}
