import { useContext } from 'react';
import { MetaContext } from './meta-context.ts';
import type { MetaState } from './meta-context.ts';

export function useMeta(): MetaState {
  return useContext(MetaContext);
}
