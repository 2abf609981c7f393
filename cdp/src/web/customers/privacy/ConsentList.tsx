import { useCallback, useState } from 'react';
import { useApiResource } from '@orchestrator/shared/api-client';
import { Badge, Button, ErrorState, LoadingState, Select, useToast } from '@orchestrator/shared/ui';
import { ConsentStatusSchema, type ConsentStatus } from '../../../contracts/index.ts';
import { RelativeTime } from '../RelativeTime.tsx';
import { fetchConsents, updateConsents } from './privacy-api.ts';
import {
  CONSENT_SOURCE_LABELS,
  CONSENT_STATUS_LABELS,
  CONSENT_STATUS_TONES,
  changedConsents,
  purposeLabel,
  purposesToShow,
} from './privacy-display.ts';

const STATUS_OPTIONS = ConsentStatusSchema.options.map((status) => ({
  value: status,
  label: CONSENT_STATUS_LABELS[status],
}));

export interface ConsentListProps {
  profileId: string;
  /** Owners and admins may change consent; everyone else reads it. */
  canManage: boolean;
}

/** Consent per purpose: status, where it came from and when; admins change it in place and save. */
export function ConsentList({ profileId, canManage }: ConsentListProps) {
  const toast = useToast();
  const load = useCallback((signal: AbortSignal) => fetchConsents(profileId, signal), [profileId]);
  const consents = useApiResource(load);
  const [draft, setDraft] = useState<Record<string, ConsentStatus>>({});
  const [saving, setSaving] = useState(false);

  if (consents.data === undefined) {
    return consents.loading ? (
      <LoadingState label="Loading consent…" />
    ) : (
      <ErrorState error={consents.error} onRetry={consents.reload} fallbackTitle="Could not load consent" />
    );
  }
  const stored = consents.data.purposes;
  const changes = changedConsents(stored, draft);
  const dirty = Object.keys(changes).length > 0;

  async function save() {
    setSaving(true);
    try {
      await updateConsents(profileId, changes);
      toast.show('Consent saved', { tone: 'success' });
      setDraft({});
      consents.reload();
    } catch (error) {
      toast.show(`Could not save consent: ${error instanceof Error ? error.message : String(error)}`, {
        tone: 'danger',
      });
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="cdp-privacy__consents">
      <ul className="cdp-consents" aria-label="Consent per purpose">
        {purposesToShow(stored).map((purpose) => {
          const consent = stored[purpose];
          const label = purposeLabel(purpose);
          return (
            <li key={purpose} className="cdp-consent">
              <div className="cdp-consent__text">
                <p className="cdp-consent__purpose">
                  {label}{' '}
                  {consent ? (
                    <Badge tone={CONSENT_STATUS_TONES[consent.status]}>
                      {CONSENT_STATUS_LABELS[consent.status]}
                    </Badge>
                  ) : (
                    <Badge>Not set</Badge>
                  )}
                </p>
                {consent && (
                  <p className="cdp-muted">
                    {CONSENT_SOURCE_LABELS[consent.source]} · <RelativeTime iso={consent.updatedAt} />
                  </p>
                )}
              </div>
              {canManage && (
                <Select
                  className="cdp-consent__select"
                  label={`Consent for ${label}`}
                  options={STATUS_OPTIONS}
                  placeholder={consent ? undefined : 'Not set'}
                  value={draft[purpose] ?? consent?.status ?? ''}
                  disabled={saving}
                  onChange={(event) => {
                    const parsed = ConsentStatusSchema.safeParse(event.target.value);
                    if (parsed.success) setDraft((current) => ({ ...current, [purpose]: parsed.data }));
                  }}
                />
              )}
            </li>
          );
        })}
      </ul>
      {canManage && (
        <div className="cdp-privacy__row">
          <Button variant="primary" size="sm" onClick={save} disabled={!dirty} loading={saving}>
            Save consent
          </Button>
          {dirty && (
            <Button size="sm" variant="ghost" onClick={() => setDraft({})} disabled={saving}>
              Discard changes
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
