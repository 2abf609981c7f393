import { createContext } from 'react';
import type { LoginRequest, SignupRequest } from '@orchestrator/shared/contracts';
import type { Session } from '@orchestrator/shared/api-client';

export interface SessionApi {
  session: Session | null;
  /** Throws an ApiProblem (401 wrong credentials, 422 invalid fields). */
  login: (credentials: LoginRequest) => Promise<Session>;
  /** Creates the user and the workspace; throws an ApiProblem (409 e-mail taken, 422 invalid fields). */
  signup: (request: SignupRequest) => Promise<Session>;
  logout: () => void;
  /** Re-reads user, workspace and role from the server, e.g. after an admin changed the role. */
  refresh: (signal?: AbortSignal) => Promise<void>;
}

export const SessionContext = createContext<SessionApi | null>(null);
