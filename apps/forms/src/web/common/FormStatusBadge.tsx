import { Badge } from '@orchestrator/shared/ui';
import type { FormSummary } from '../../contracts/index.ts';

/** Draft, Published (with its version) or Closed, and whether the draft has changes not yet published. */
export function FormStatusBadge({
  form,
}: {
  form: Pick<FormSummary, 'status' | 'publishedVersion' | 'hasUnpublishedChanges' | 'latestVersion'>;
}) {
  return (
    <span className="forms-status">
      {form.status === 'published' && <Badge tone="success">Published · v{form.publishedVersion}</Badge>}
      {form.status === 'closed' && <Badge tone="warning">Closed · v{form.publishedVersion}</Badge>}
      {form.status === 'draft' && (
        <Badge tone="neutral">{form.latestVersion ? 'Unpublished' : 'Draft'}</Badge>
      )}
      {form.status !== 'draft' && form.hasUnpublishedChanges && (
        <Badge tone="info">Unpublished changes</Badge>
      )}
    </span>
  );
}
