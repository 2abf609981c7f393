import { createContext } from 'react';
import type { MetaResponse } from '@orchestrator/shared/contracts';

export type MetaState =
  | { status: 'loading' }
  | { status: 'ready'; meta: MetaResponse }
  /** Without meta the shell still works; it only hides what meta would have switched on. */
  | { status: 'unavailable' };

export const MetaContext = createContext<MetaState>({ status: 'loading' });
