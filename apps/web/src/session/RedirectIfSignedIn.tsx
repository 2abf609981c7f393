import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { returnToPath } from './return-to.ts';
import { useSession } from './use-session.ts';

/** The sign-in and sign-up pages are for signed-out visitors; signed-in ones go on to the workspace. */
export function RedirectIfSignedIn({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  if (session) return <Navigate to={returnToPath(location.state)} replace />;
  return children;
}
