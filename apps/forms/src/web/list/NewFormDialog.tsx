import { useState } from 'react';
import type { FormEvent } from 'react';
import { formErrorsFromProblem, isApiProblem } from '@orchestrator/shared/api-client';
import { Alert, Button, Dialog, TextField } from '@orchestrator/shared/ui';
import type { Form } from '../../contracts/index.ts';
import { createForm } from '../api/forms-api.ts';

export interface NewFormDialogProps {
  open: boolean;
  onClose: () => void;
  onCreated: (form: Form) => void;
}

const FORM_ID = 'new-form-form';

/** Names a new form; the builder opens on it. */
export function NewFormDialog({ open, onClose, onCreated }: NewFormDialogProps) {
  const [title, setTitle] = useState('');
  const [titleError, setTitleError] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const [saving, setSaving] = useState(false);

  function close() {
    if (saving) return;
    setTitle('');
    setTitleError(undefined);
    setFormError(undefined);
    onClose();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!title.trim()) {
      setTitleError('Give the form a title, e.g. “Event registration”');
      return;
    }
    setSaving(true);
    setTitleError(undefined);
    setFormError(undefined);
    try {
      const form = await createForm(title.trim());
      setTitle('');
      onCreated(form);
    } catch (error) {
      if (isApiProblem(error)) {
        const { byField, other } = formErrorsFromProblem(error, ['title'] as const);
        setTitleError(byField.title);
        setFormError(other[0] ?? (byField.title ? undefined : (error.detail ?? error.title)));
      } else {
        setFormError('The form could not be created. Try again.');
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title="New form"
      footer={
        <>
          <Button onClick={close} disabled={saving}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" form={FORM_ID} loading={saving}>
            Create form
          </Button>
        </>
      }
    >
      <form id={FORM_ID} onSubmit={(event) => void submit(event)} noValidate className="forms-dialog-form">
        {formError && <Alert tone="danger">{formError}</Alert>}
        <TextField
          label="Title"
          hint="Respondents see it at the top of the form. You can change it later."
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          error={titleError}
          maxLength={500}
          required
          data-autofocus
        />
      </form>
    </Dialog>
  );
}
