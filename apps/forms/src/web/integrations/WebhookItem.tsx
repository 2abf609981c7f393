import { useState } from 'react';
import { Badge, Button } from '@orchestrator/shared/ui';
import type { Webhook } from '../../contracts/index.ts';
import { RelativeTime } from '../common/RelativeTime.tsx';
import { DeliveryLog } from './DeliveryLog.tsx';
import { SecretField } from './SecretField.tsx';

export interface WebhookItemProps {
  formId: string;
  webhook: Webhook;
  canEdit: boolean;
  busy: boolean;
  onEdit: () => void;
  onToggle: () => void;
  onRotate: () => void;
  onDelete: () => void;
}

/** A webhook: where it posts, whether it is on, its signing secret, and its delivery log. */
export function WebhookItem({
  formId,
  webhook,
  canEdit,
  busy,
  onEdit,
  onToggle,
  onRotate,
  onDelete,
}: WebhookItemProps) {
  const [showLog, setShowLog] = useState(true);
  const logId = `deliveries-${webhook.id}`;
  return (
    <li className="forms-webhook">
      <div className="forms-webhook__head">
        <div className="forms-webhook__what">
          <code className="forms-code forms-webhook__url">{webhook.url}</code>
          <span className="forms-webhook__meta">
            {webhook.enabled ? <Badge tone="success">Enabled</Badge> : <Badge tone="neutral">Disabled</Badge>}
            <span className="forms-muted">
              Added <RelativeTime iso={webhook.createdAt} />
            </span>
          </span>
        </div>
        {canEdit && (
          <div className="forms-row-actions">
            <Button size="sm" onClick={onEdit} disabled={busy}>
              Edit
            </Button>
            <Button size="sm" onClick={onToggle} disabled={busy}>
              {webhook.enabled ? 'Disable' : 'Enable'}
            </Button>
            <Button size="sm" variant="ghost" onClick={onDelete} disabled={busy}>
              Delete
            </Button>
          </div>
        )}
      </div>
      <div className="forms-webhook__secret">
        <span className="forms-muted">Signing secret</span>
        <SecretField secret={webhook.secret} label="Signing secret" />
        {canEdit && (
          <Button size="sm" variant="ghost" onClick={onRotate} disabled={busy}>
            Rotate
          </Button>
        )}
      </div>
      <p className="forms-muted forms-webhook__hint">
        Verify each POST: <code className="forms-code">X-Orchestrator-Signature: t=…,v1=…</code> is the hex
        HMAC-SHA256 of <code className="forms-code">&lt;t&gt;.&lt;raw body&gt;</code> with this secret.
      </p>
      <Button
        size="sm"
        variant="ghost"
        aria-expanded={showLog}
        aria-controls={logId}
        onClick={() => setShowLog((shown) => !shown)}
      >
        {showLog ? 'Hide deliveries' : 'Show deliveries'}
      </Button>
      <div id={logId} hidden={!showLog}>
        {showLog && <DeliveryLog formId={formId} webhook={webhook} canEdit={canEdit} />}
      </div>
    </li>
  );
}
