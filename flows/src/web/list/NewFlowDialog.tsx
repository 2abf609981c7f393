import { useState } from 'react';
import type { FormEvent } from 'react';
import { Alert, Button, Dialog, TextField } from '@orchestrator/shared/ui';
import type { Flow } from '../../contracts/index.ts';
import { createFlow, importFlow } from '../api/flows-api.ts';
import { ImportFlowField } from './ImportFlowField.tsx';
import { TemplateGallery } from './TemplateGallery.tsx';

export interface NewFlowDialogProps {
  open: boolean;
  onClose: () => void;
  onCreated: (flow: Flow) => void;
}

/** A blank automation with a name, one of the templates in one click, or an exported JSON file. */
export function NewFlowDialog({ open, onClose, onCreated }: NewFlowDialogProps) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();

  async function create(key: string, action: () => Promise<Flow>) {
    setBusy(key);
    setError(undefined);
    try {
      const flow = await action();
      setName('');
      onCreated(flow);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(undefined);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    void create('blank', () => createFlow({ name: trimmed, graph: { nodes: [], edges: [] } }));
  }

  return (
    <Dialog open={open} onClose={busy ? () => undefined : onClose} title="New automation">
      <div className="flows-new">
        {error !== undefined && (
          <Alert tone="danger" title="Could not create the automation">
            {error instanceof Error ? error.message : 'Try again.'}
          </Alert>
        )}
        <form className="flows-new__blank" onSubmit={submit}>
          <TextField
            label="Name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            placeholder="e.g. Welcome new leads"
            maxLength={200}
            data-autofocus
          />
          <Button
            type="submit"
            variant="primary"
            loading={busy === 'blank'}
            disabled={!name.trim() || busy !== undefined}
          >
            Create blank
          </Button>
        </form>
        <TemplateGallery
          busyTemplate={busy?.startsWith('template:') ? busy.slice('template:'.length) : undefined}
          disabled={busy !== undefined}
          onUse={(template) =>
            void create(`template:${template.id}`, () =>
              createFlow({ ...template.flow, name: name.trim() || template.flow.name }),
            )
          }
        />
        <ImportFlowField
          disabled={busy !== undefined}
          onImport={(exported) => void create('import', () => importFlow(exported))}
          onInvalid={(message) => setError(new Error(message))}
        />
      </div>
    </Dialog>
  );
}
