import type { ReactNode } from 'react';
import { EmptyState } from './EmptyState.tsx';
import { PageHeader } from './PageHeader.tsx';
import { useDocumentTitle } from './use-document-title.ts';

/**
 * What an unknown address shows, in the shell and inside a module's own routes. The suite's navigation
 * stays on screen beside it, so it needs no way back of its own.
 */
export function NotFoundPage({ actions }: { actions?: ReactNode }) {
  useDocumentTitle('Page not found');
  return (
    <>
      <PageHeader title="Page not found" />
      <EmptyState
        title="Nothing here"
        description="There is no page at this address. It may have moved, or the link may be mistyped."
        actions={actions}
      />
    </>
  );
}
