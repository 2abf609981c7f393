import { useParams } from 'react-router-dom';
import { NotFoundPage } from '@orchestrator/shared/ui';
import { PublicErrorBoundary } from './public/PublicErrorBoundary.tsx';
import { PublicFormPage } from './public/PublicFormPage.tsx';

/**
 * The public form page, mounted by the web shell at `/f/:slug` outside the workspace (no sign-in,
 * no navigation). A separate entry so respondents download only the renderer, not the builder.
 */
export function PublicFormRoute() {
  const { slug } = useParams();
  if (!slug) return <NotFoundPage />;
  // Keyed by slug: another form is another response.
  return (
    <PublicErrorBoundary>
      <PublicFormPage key={slug} slug={slug} />
    </PublicErrorBoundary>
  );
}
