import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { MetaResponseSchema } from '@orchestrator/shared/contracts';
import { apiClient } from '@orchestrator/shared/api-client';
import { MetaContext } from './meta-context.ts';
import type { MetaState } from './meta-context.ts';

/** Asks the suite once, before anyone signs in, what it is and which optional features are on. */
export function MetaProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<MetaState>({ status: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    apiClient.get('/api/v1/meta', MetaResponseSchema, { signal: controller.signal }).then(
      (meta) => setState({ status: 'ready', meta }),
      () => {
        if (!controller.signal.aborted) setState({ status: 'unavailable' });
      },
    );
    return () => controller.abort();
  }, []);

  return <MetaContext value={state}>{children}</MetaContext>;
}
