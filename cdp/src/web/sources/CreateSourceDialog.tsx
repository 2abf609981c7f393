import { useState } from 'react';
import type { FormEvent } from 'react';
import { formErrorsFromProblem, isApiProblem } from '@orchestrator/shared/api-client';
import { Alert, Button, Dialog, TextField } from '@orchestrator/shared/ui';
import type { Source } from '../../contracts/index.ts';
import { createSource } from './sources-api.ts';

export interface CreateSourceDialogProps {
  open: boolean;
  onClose: () => void;
  onCreated: (source: Source) => void;
}

const FORM_ID = 'create-source-form';

/** Names a new source; the server makes its write key. */
export function CreateSourceDialog({ open, onClose, onCreated }: CreateSourceDialogProps) {
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const [saving, setSaving] = useState(false);

  function close() {
    if (saving) return;
    setName('');
    setNameError(undefined);
    setFormError(undefined);
    onClose();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setNameError('Give the source a name, e.g. the site or app that will send events');
      return;
    }
    setSaving(true);
    setNameError(undefined);
    setFormError(undefined);
    try {
      const source = await createSource(name.trim());
      setName('');
      onCreated(source);
    } catch (error) {
      if (isApiProblem(error)) {
        const { byField, other } = formErrorsFromProblem(error, ['name'] as const);
        setNameError(byField.name);
        setFormError(other[0] ?? (byField.name ? undefined : (error.detail ?? error.title)));
      } else {
        setFormError('The source could not be created. Try again.');
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title="New source"
      footer={
        <>
          <Button onClick={close} disabled={saving}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" form={FORM_ID} loading={saving}>
            Create source
          </Button>
        </>
      }
    >
      <form id={FORM_ID} onSubmit={submit} noValidate>
        {formError && <Alert tone="danger">{formError}</Alert>}
        <TextField
          label="Name"
          hint="The website, app or server that will send events, e.g. “Marketing site”."
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={nameError}
          maxLength={200}
          required
          data-autofocus
        />
      </form>
    </Dialog>
  );
}
