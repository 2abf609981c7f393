import { Suspense } from 'react';
import { LoadingState } from '@orchestrator/shared/ui';
import { ModuleErrorBoundary } from './ModuleErrorBoundary.tsx';
import type { WorkspaceModule } from './workspace-modules.ts';

/** Mounts one module's lazily loaded pages, with a loading state while its code downloads. */
export function ModulePages({ module }: { module: WorkspaceModule }) {
  const { Pages, label } = module;
  return (
    // Keyed by module so an error in one module is forgotten when the user opens another.
    <ModuleErrorBoundary key={module.path} moduleLabel={label}>
      <Suspense fallback={<LoadingState label={`Loading ${label}…`} />}>
        <Pages />
      </Suspense>
    </ModuleErrorBoundary>
  );
}
