import { useEffect } from 'react';

const PRODUCT_NAME = 'Orchestrator';

/** Sets the tab title to "<page> · Orchestrator" while the page is shown. */
export function useDocumentTitle(pageTitle: string): void {
  useEffect(() => {
    document.title = pageTitle ? `${pageTitle} · ${PRODUCT_NAME}` : PRODUCT_NAME;
  }, [pageTitle]);
}
