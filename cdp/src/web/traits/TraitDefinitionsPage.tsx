import { useState, useSyncExternalStore } from 'react';
import { Link } from 'react-router-dom';
import { getSession, subscribeToSession, useApiResource } from '@orchestrator/shared/api-client';
import {
  Alert,
  Button,
  EmptyState,
  ErrorState,
  Icon,
  LoadingState,
  PageHeader,
  useDocumentTitle,
  useToast,
} from '@orchestrator/shared/ui';
import type { TraitDefinition } from '../../contracts/index.ts';
import { TraitDefinitionsEditor } from './TraitDefinitionsEditor.tsx';
import {
  draftErrors,
  draftOf,
  isDraftChanged,
  newDraftRow,
  toDefinitions,
  type TraitDraftRow,
} from './trait-definition-draft.ts';
import { listTraitDefinitions, saveTraitDefinitions } from './trait-definitions-api.ts';
import './trait-definitions.css';

/**
 * `/customers/traits`: the workspace's trait definitions — a label, a type and the merge strategy per
 * trait. Admins edit the whole set and save it at once; everyone else reads it.
 */
export function TraitDefinitionsPage() {
  useDocumentTitle('Traits · Customers');
  const toast = useToast();
  const session = useSyncExternalStore(subscribeToSession, getSession, () => null);
  const canEdit = session?.role === 'owner' || session?.role === 'admin';

  const loaded = useApiResource(listTraitDefinitions);
  // What the server holds: as loaded, or as the last save answered.
  const [saved, setSaved] = useState<TraitDefinition[]>();
  const stored = saved ?? loaded.data;
  // The user's edits; undefined until the first one (the stored set is shown as is).
  const [draft, setDraft] = useState<TraitDraftRow[]>();
  const [triedToSave, setTriedToSave] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string>();

  const rows = draft ?? (stored ? draftOf(stored) : undefined);
  const errors = rows ? draftErrors(rows) : new Map();
  const changed = rows !== undefined && stored !== undefined && isDraftChanged(rows, stored);

  const edit = (next: TraitDraftRow[]) => {
    setDraft(next);
    setSaveError(undefined);
  };
  const addRow = () => edit([...(rows ?? []), newDraftRow()]);

  async function save() {
    if (!rows) return;
    setTriedToSave(true);
    if (errors.size > 0) return;
    setSaving(true);
    setSaveError(undefined);
    try {
      const result = await saveTraitDefinitions(toDefinitions(rows));
      setSaved(result);
      setDraft(undefined);
      setTriedToSave(false);
      toast.show('Trait definitions saved; they apply to events processed from now on', { tone: 'success' });
    } catch (error) {
      setSaveError(error instanceof Error ? error.message : 'Try again.');
    } finally {
      setSaving(false);
    }
  }

  const discard = () => {
    setDraft(undefined);
    setTriedToSave(false);
    setSaveError(undefined);
  };

  let content;
  if (stored === undefined && loaded.error) {
    content = (
      <ErrorState
        error={loaded.error}
        onRetry={loaded.reload}
        fallbackTitle="Trait definitions could not be loaded"
      />
    );
  } else if (rows === undefined) {
    content = <LoadingState label="Loading trait definitions…" />;
  } else if (rows.length === 0 && !changed) {
    content = (
      <EmptyState
        icon={<Icon name="customers" size={20} />}
        title="No trait definitions yet"
        description={
          canEdit
            ? 'Every trait keeps its latest value (by event time) when profiles merge. Define a trait to give it a label, a type, or another merge strategy.'
            : 'Every trait keeps its latest value (by event time) when profiles merge. An admin of this workspace can define traits.'
        }
        actions={
          canEdit ? (
            <Button variant="primary" onClick={addRow}>
              Define a trait
            </Button>
          ) : undefined
        }
      />
    );
  } else {
    content = (
      <>
        <p className="cdp-traits__note">
          Traits without a definition keep their latest value. A changed strategy applies to events processed
          from now on; existing profiles follow once recomputed.
        </p>
        <TraitDefinitionsEditor
          rows={rows}
          errors={triedToSave ? errors : new Map()}
          readOnly={!canEdit}
          onChange={(row) => edit(rows.map((other) => (other.rowId === row.rowId ? row : other)))}
          onRemove={(row) => edit(rows.filter((other) => other.rowId !== row.rowId))}
        />
        {saveError && (
          <Alert tone="danger" title="The trait definitions were not saved">
            {saveError}
          </Alert>
        )}
        {canEdit && (
          <div className="cdp-traits__actions">
            <Button variant="secondary" onClick={addRow}>
              Add a trait
            </Button>
            <Button variant="primary" onClick={() => void save()} disabled={!changed || saving}>
              {saving ? 'Saving…' : 'Save changes'}
            </Button>
            {changed && (
              <Button variant="secondary" onClick={discard} disabled={saving}>
                Discard changes
              </Button>
            )}
          </div>
        )}
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Traits"
        description="How each customer trait is labelled, what it holds, and which value wins when two profiles merge."
        actions={
          <Link className="cdp-link-button ui-button ui-button--secondary" to="/customers">
            Customers
          </Link>
        }
      />
      {content}
    </>
  );
}
