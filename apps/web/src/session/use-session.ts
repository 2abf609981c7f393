import { useContext } from 'react';
import { SessionContext } from './session-context.ts';
import type { SessionApi } from './session-context.ts';

export function useSession(): SessionApi {
  const api = useContext(SessionContext);
  if (!api) throw new Error('useSession() must be used inside <SessionProvider>');
  return api;
}
