import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { isApiProblem } from '../api-client/api-problem.ts';
import { formErrorsFromProblem } from '../api-client/field-errors.ts';
import { Alert } from './Alert.tsx';
import { Button } from './Button.tsx';
import { Dialog } from './Dialog.tsx';
import { TextField } from './TextField.tsx';

export interface NameDialogProps {
  open: boolean;
  onClose: () => void;
  /** The dialog's heading, e.g. "New form". */
  title: string;
  /** The input's label, e.g. "Title". */
  label: string;
  hint?: string;
  /** The confirming button, e.g. "Create form". */
  submitLabel: string;
  /** Shown under the input when it is left empty. */
  requiredMessage: string;
  /** Shown at the top when the request fails without a problem+json answer. */
  failureMessage: string;
  /** The body field the name is sent as: a problem naming it is shown under the input, others at the top. */
  field: string;
  maxLength?: number;
  /** Creates the thing from the trimmed name; a rejection keeps the dialog open and shows why. */
  onSubmit: (name: string) => Promise<void>;
}

/** A dialog that asks for one name and creates something from it, showing the server's errors in place. */
export function NameDialog({
  open,
  onClose,
  title,
  label,
  hint,
  submitLabel,
  requiredMessage,
  failureMessage,
  field,
  maxLength,
  onSubmit,
}: NameDialogProps) {
  const formId = useId();
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
      setNameError(requiredMessage);
      return;
    }
    setSaving(true);
    setNameError(undefined);
    setFormError(undefined);
    try {
      await onSubmit(name.trim());
      setName('');
    } catch (error) {
      if (isApiProblem(error)) {
        const { byField, other } = formErrorsFromProblem(error, [field]);
        const fieldError = byField[field];
        setNameError(fieldError);
        setFormError(other[0] ?? (fieldError ? undefined : (error.detail ?? error.title)));
      } else {
        setFormError(failureMessage);
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title={title}
      footer={
        <>
          <Button onClick={close} disabled={saving}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" form={formId} loading={saving}>
            {submitLabel}
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={(event) => void submit(event)} noValidate className="ui-name-dialog">
        {formError && <Alert tone="danger">{formError}</Alert>}
        <TextField
          label={label}
          hint={hint}
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={nameError}
          maxLength={maxLength}
          required
          data-autofocus
        />
      </form>
    </Dialog>
  );
}
