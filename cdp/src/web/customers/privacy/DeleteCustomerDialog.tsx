import { useState } from 'react';
import { Button, Dialog, TextField } from '@orchestrator/shared/ui';
import type { Profile } from '../customers-api.ts';
import { deleteProfile } from './privacy-api.ts';
import { deletionConfirmationText } from './privacy-display.ts';

export interface DeleteCustomerDialogProps {
  open: boolean;
  profile: Profile;
  onClose: () => void;
  /** Called once the customer is gone (the page then leaves for the list). */
  onDeleted: () => void;
}

/**
 * Asks before a GDPR erasure, which cannot be undone: the admin types the customer's identifier
 * (like GitHub's repository deletion), so a slip of the mouse cannot delete someone.
 */
export function DeleteCustomerDialog({ open, profile, onClose, onDeleted }: DeleteCustomerDialogProps) {
  const expected = deletionConfirmationText(profile);
  const [typed, setTyped] = useState('');
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const confirmed = typed.trim() === expected;

  function close() {
    if (deleting) return;
    setTyped('');
    setError(undefined);
    onClose();
  }

  async function confirm() {
    if (!confirmed) return;
    setDeleting(true);
    setError(undefined);
    try {
      await deleteProfile(profile.id);
      onDeleted();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setDeleting(false);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Delete this customer?"
      footer={
        <>
          <Button onClick={close} disabled={deleting} data-autofocus>
            Cancel
          </Button>
          <Button variant="danger" onClick={confirm} disabled={!confirmed} loading={deleting}>
            Delete customer
          </Button>
        </>
      }
    >
      <form
        className="cdp-privacy__confirm"
        onSubmit={(event) => {
          event.preventDefault();
          void confirm();
        }}
      >
        <p>
          This erases the customer for good: the profile and every profile merged into it, their identities,
          events, consent, merge history and segment memberships. Their identifiers are suppressed, so
          messages still on their way are dropped instead of bringing them back. It cannot be undone.
        </p>
        <TextField
          label={`Type ${expected} to confirm`}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          autoComplete="off"
          spellCheck={false}
          disabled={deleting}
          error={error}
        />
      </form>
    </Dialog>
  );
}
