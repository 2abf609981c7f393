import { NameDialog } from '@orchestrator/shared/ui';
import type { Source } from '../../contracts/index.ts';
import { createSource } from './sources-api.ts';

export interface CreateSourceDialogProps {
  open: boolean;
  onClose: () => void;
  onCreated: (source: Source) => void;
}

/** Names a new source; the server makes its write key. */
export function CreateSourceDialog({ open, onClose, onCreated }: CreateSourceDialogProps) {
  return (
    <NameDialog
      open={open}
      onClose={onClose}
      title="New source"
      label="Name"
      hint="The website, app or server that will send events, e.g. “Marketing site”."
      submitLabel="Create source"
      requiredMessage="Give the source a name, e.g. the site or app that will send events"
      failureMessage="The source could not be created. Try again."
      field="name"
      maxLength={200}
      onSubmit={async (name) => onCreated(await createSource(name))}
    />
  );
}
