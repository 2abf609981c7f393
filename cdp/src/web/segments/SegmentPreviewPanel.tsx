import { Link } from 'react-router-dom';
import { Alert, Card, Spinner } from '@orchestrator/shared/ui';
import type { SegmentRule } from '../../contracts/index.ts';
import { customerPath } from '../customers/customers-api.ts';
import { profileDisplayName, profileEmail } from '../customers/profile-display.ts';
import { useLivePreview } from './use-live-preview.ts';

export interface SegmentPreviewPanelProps {
  /** Undefined while the rule is incomplete. */
  rule: SegmentRule | undefined;
}

const numberFormat = new Intl.NumberFormat();

/** The live count: how many customers the rule as it stands matches now, and a few of them. */
export function SegmentPreviewPanel({ rule }: SegmentPreviewPanelProps) {
  const preview = useLivePreview(rule);
  const { data } = preview;
  let status;
  if (rule === undefined) {
    status = <p className="cdp-muted">Complete every condition to see how many customers match.</p>;
  } else if (preview.error) {
    status = (
      <Alert tone="danger" title="Could not count the customers">
        {preview.error instanceof Error ? preview.error.message : 'Try changing the rule again.'}
      </Alert>
    );
  } else if (data === undefined) {
    status = (
      <p className="seg-preview__count">
        <Spinner /> Counting…
      </p>
    );
  } else {
    status = (
      <p className="seg-preview__count" aria-busy={preview.loading || undefined}>
        <strong>{numberFormat.format(data.count)}</strong>{' '}
        {data.count === 1 ? 'customer matches' : 'customers match'} now
        {preview.loading && (
          <>
            {' '}
            <Spinner />
            <span className="ui-visually-hidden">updating</span>
          </>
        )}
      </p>
    );
  }
  return (
    <Card title="Live count" className="seg-preview">
      <div aria-live="polite">{status}</div>
      {rule !== undefined && data && data.sample.length > 0 && (
        <>
          <h3 className="seg-preview__heading">
            {data.count > data.sample.length ? 'Some of them' : 'They are'}
          </h3>
          <ul
            className={
              preview.loading ? 'seg-preview__sample seg-preview__sample--stale' : 'seg-preview__sample'
            }
          >
            {data.sample.map((profile) => {
              const name = profileDisplayName(profile);
              const email = profileEmail(profile);
              return (
                <li key={profile.id}>
                  <Link to={customerPath(profile.id)}>{name}</Link>
                  {email && email !== name && <span className="cdp-muted"> · {email}</span>}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </Card>
  );
}
