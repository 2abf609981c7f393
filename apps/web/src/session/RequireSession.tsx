import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useSession } from './use-session.ts';

/** Where /login sends the user back to after signing in. */
export interface ReturnToState {
  from?: { pathname: string; search: string; hash: string };
}

/** Shows its children to signed-in users; sends everyone else to /login, remembering where they were. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  if (!session) {
    const state: ReturnToState = {
      from: { pathname: location.pathname, search: location.search, hash: location.hash },
    };
    return <Navigate to="/login" replace state={state} />;
  }
  return children;
}
