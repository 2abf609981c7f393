import { useState, type FormEvent } from 'react';
import { Alert, Button, ConfirmDialog, useToast } from '@orchestrator/shared/ui';
import type { IdentityRulesSettings } from '../../contracts/index.ts';
import { IdentityRulesEditorTable } from './IdentityRulesEditorTable.tsx';
import {
  draftOf,
  isChanged,
  rulesFromDraft,
  type RulesDraft,
  type RulesFieldErrors,
} from './identity-rules-draft.ts';
import { errorsAfterEdit, failureFromError, failureOf, type RulesFailure } from './identity-rules-errors.ts';
import { resetIdentityRules, saveIdentityRules } from './identity-settings-api.ts';

export interface IdentityRulesFormProps {
  /** The rules as the server holds them. */
  settings: IdentityRulesSettings;
  /** The server's answer to a save or a reset. */
  onSaved: (settings: IdentityRulesSettings) => void;
}

const SAVED_TOAST = 'Identity rules saved; they apply to events processed from now on';
const RESET_TOAST = 'Identity rules are the defaults again; they apply to events processed from now on';

/** The identity rules as an admin edits them: save, discard the changes, or go back to the defaults. */
export function IdentityRulesForm({ settings, onSaved }: IdentityRulesFormProps) {
  const toast = useToast();
  const [draft, setDraft] = useState(() => draftOf(settings.rules));
  const [busy, setBusy] = useState<'saving' | 'resetting'>();
  const [errors, setErrors] = useState<RulesFieldErrors>({});
  const [alert, setAlert] = useState<{ title: string; messages: string[] }>();
  const [confirmingReset, setConfirmingReset] = useState(false);
  const changed = isChanged(draft, settings.rules);

  function edit(next: RulesDraft) {
    setErrors((current) => errorsAfterEdit(current, draft, next));
    setDraft(next);
  }

  function show(title: string, failure: RulesFailure) {
    setErrors(failure.errors);
    setAlert(failure.messages.length > 0 ? { title, messages: failure.messages } : undefined);
  }

  function clearErrors() {
    setErrors({});
    setAlert(undefined);
  }

  function applySaved(saved: IdentityRulesSettings, message: string) {
    setDraft(draftOf(saved.rules));
    clearErrors();
    onSaved(saved);
    toast.show(message, { tone: 'success' });
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const { rules, errors: invalid } = rulesFromDraft(draft);
    if (!rules) return show('The identity rules were not saved', failureOf(invalid));
    setBusy('saving');
    setAlert(undefined);
    try {
      applySaved(await saveIdentityRules(rules), SAVED_TOAST);
    } catch (error) {
      show('The identity rules were not saved', failureFromError(error));
    } finally {
      setBusy(undefined);
    }
  }

  async function reset() {
    setBusy('resetting');
    setAlert(undefined);
    try {
      applySaved(await resetIdentityRules(), RESET_TOAST);
    } catch (error) {
      show('The identity rules were not reset', { ...failureFromError(error), errors: {} });
    } finally {
      setBusy(undefined);
      setConfirmingReset(false);
    }
  }

  return (
    <>
      <form onSubmit={(event) => void save(event)} noValidate>
        <IdentityRulesEditorTable
          draft={draft}
          errors={errors}
          disabled={busy !== undefined}
          onChange={edit}
        />
        {alert && (
          <div className="cdp-identity__feedback">
            <Alert tone="danger" title={alert.title}>
              <ul className="cdp-identity__errors">
                {alert.messages.map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            </Alert>
          </div>
        )}
        <div className="cdp-identity__actions">
          <Button
            type="submit"
            variant="primary"
            disabled={!changed || busy === 'resetting'}
            loading={busy === 'saving'}
          >
            Save rules
          </Button>
          {changed && (
            <Button
              disabled={busy !== undefined}
              onClick={() => {
                setDraft(draftOf(settings.rules));
                clearErrors();
              }}
            >
              Discard changes
            </Button>
          )}
          {!settings.isDefault && (
            <Button variant="ghost" disabled={busy !== undefined} onClick={() => setConfirmingReset(true)}>
              Reset to defaults
            </Button>
          )}
          <p className="cdp-identity__note cdp-identity__actions-note">
            Saved rules apply to events processed from then on; customers linked before keep their identities.
          </p>
        </div>
      </form>
      <ConfirmDialog
        open={confirmingReset}
        title="Go back to the default rules?"
        confirmLabel="Reset to defaults"
        busy={busy === 'resetting'}
        onConfirm={() => void reset()}
        onCancel={() => setConfirmingReset(false)}
      >
        <p>
          This workspace&apos;s limits, priority and linking identifiers go back to the defaults for events
          processed from now on{changed ? ', and your unsaved changes are dropped' : ''}. Customers linked
          before keep their identities.
        </p>
      </ConfirmDialog>
    </>
  );
}
