import { useState, useSyncExternalStore } from 'react';
import { Link } from 'react-router-dom';
import { getSession, subscribeToSession, useApiResource } from '@orchestrator/shared/api-client';
import {
  Card,
  ErrorState,
  LoadingState,
  PageHeader,
  useDocumentTitle,
  useToast,
} from '@orchestrator/shared/ui';
import type { BlockedIdentifier, IdentityRulesSettings } from '../../contracts/index.ts';
import { BlockedValueChecker } from './BlockedValueChecker.tsx';
import { BlockedValuesCard } from './BlockedValuesCard.tsx';
import { BuiltInPlaceholders } from './BuiltInPlaceholders.tsx';
import { IdentityRulesCard } from './IdentityRulesCard.tsx';
import {
  listBlockedIdentifiers,
  loadIdentityRules,
  saveBlockedIdentifiers,
} from './identity-settings-api.ts';
import './identity-settings.css';

/**
 * `/customers/identity`: how events are resolved to customers — the workspace's identity rules and its
 * blocked values (admins edit both) with the built-in placeholders, and a checker that says whether a
 * value would link anyone and which rule blocks it.
 */
export function IdentitySettingsPage() {
  useDocumentTitle('Identity · Customers');
  const toast = useToast();
  const session = useSyncExternalStore(subscribeToSession, getSession, () => null);
  const canEdit = session?.role === 'owner' || session?.role === 'admin';

  const rulesLoaded = useApiResource(loadIdentityRules);
  // The rules the server holds: as loaded, or as the last save or reset answered.
  const [rulesSaved, setRulesSaved] = useState<IdentityRulesSettings>();
  const rules = rulesSaved ?? rulesLoaded.data;

  const loaded = useApiResource(listBlockedIdentifiers);
  // What the server holds: as loaded, or as the last save answered.
  const [saved, setSaved] = useState<BlockedIdentifier[]>();
  const items = saved ?? loaded.data;
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string>();

  async function save(next: BlockedIdentifier[]): Promise<boolean> {
    setSaving(true);
    setSaveError(undefined);
    try {
      setSaved(await saveBlockedIdentifiers(next));
      toast.show('Blocked values saved; they apply to events processed from now on', { tone: 'success' });
      return true;
    } catch (error) {
      setSaveError(error instanceof Error ? error.message : 'Try again.');
      return false;
    } finally {
      setSaving(false);
    }
  }

  let blocked;
  if (items === undefined && loaded.error) {
    blocked = (
      <ErrorState
        error={loaded.error}
        onRetry={loaded.reload}
        fallbackTitle="Blocked values could not be loaded"
      />
    );
  } else if (items === undefined) {
    blocked = <LoadingState label="Loading blocked values…" />;
  } else {
    blocked = (
      <>
        <BlockedValuesCard
          items={items}
          canEdit={canEdit}
          saving={saving}
          saveError={saveError}
          onSave={save}
        />
        <Card title="Check a value">
          <BlockedValueChecker blocked={items} linking={rules?.rules.matching} />
          <BuiltInPlaceholders />
        </Card>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Identity"
        description="Which identifiers link events to one customer, and which values never do."
        actions={
          <Link className="cdp-link-button ui-button ui-button--secondary" to="/customers">
            Customers
          </Link>
        }
      />
      <div className="cdp-identity">
        <IdentityRulesCard
          canEdit={canEdit}
          settings={rules}
          loadError={rulesLoaded.error}
          onRetry={rulesLoaded.reload}
          onSaved={setRulesSaved}
        />
        {blocked}
      </div>
    </>
  );
}
