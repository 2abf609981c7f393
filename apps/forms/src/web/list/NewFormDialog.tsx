import { NameDialog } from '@orchestrator/shared/ui';
import type { Form } from '../../contracts/index.ts';
import { createForm } from '../api/forms-api.ts';

export interface NewFormDialogProps {
  open: boolean;
  onClose: () => void;
  onCreated: (form: Form) => void;
}

/** Names a new form; the builder opens on it. */
export function NewFormDialog({ open, onClose, onCreated }: NewFormDialogProps) {
  return (
    <NameDialog
      open={open}
      onClose={onClose}
      title="New form"
      label="Title"
      hint="Respondents see it at the top of the form. You can change it later."
      submitLabel="Create form"
      requiredMessage="Give the form a title, e.g. “Event registration”"
      failureMessage="The form could not be created. Try again."
      field="title"
      maxLength={500}
      onSubmit={async (title) => onCreated(await createForm(title))}
    />
  );
}
