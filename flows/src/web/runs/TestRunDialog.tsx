import { useState } from 'react';
import type { FormEvent } from 'react';
import { Alert, Badge, Button, Dialog, Select, TextField } from '@orchestrator/shared/ui';
import type { Run } from '../../contracts/index.ts';
import { refusedGraphProblems } from '../api/flows-api.ts';
import { startTestRun } from '../api/runs-api.ts';
import { TextArea } from '../common/TextArea.tsx';
import type { SampleEvent } from './sample-event.ts';
import { testRunRequestOf } from './test-run-request.ts';
import type { TestRunDraft } from './test-run-request.ts';

export interface TestRunDialogProps {
  flowId: string;
  open: boolean;
  /** An event the flow's trigger matches, offered as the sample. */
  sample: SampleEvent;
  onClose: () => void;
  onStarted: (run: Run) => void;
}

/**
 * Starts a test run of the current draft with a sample event or a real profile. Test runs are marked as
 * such everywhere, and their e-mails, webhooks and other side effects go to the mocks.
 */
export function TestRunDialog({ flowId, open, sample, onClose, onStarted }: TestRunDialogProps) {
  const [draft, setDraft] = useState<TestRunDraft>({
    source: 'event',
    event: sample.event,
    properties: JSON.stringify(sample.properties, null, 2),
    profileId: '',
  });
  const [errors, setErrors] = useState<Partial<Record<keyof TestRunDraft, string>>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const set = (patch: Partial<TestRunDraft>) => setDraft((current) => ({ ...current, ...patch }));
  // A draft with problems is refused with them (422): say which, not only that it was refused.
  const problems = refusedGraphProblems(failure) ?? [];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = testRunRequestOf(draft);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    setFailure(undefined);
    try {
      onStarted(await startTestRun(flowId, parsed.request));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={busy ? () => undefined : onClose}
      title="Test run"
      footer={
        <>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" form="flows-test-run" loading={busy}>
            Start test run
          </Button>
        </>
      }
    >
      <form id="flows-test-run" className="flows-dialog-form" onSubmit={(event) => void submit(event)}>
        <p>
          <Badge tone="warning">Test</Badge> Runs the current draft (saved, without problems). E-mails,
          webhooks and other side effects go to the mocks, and the run is marked as a test.
        </p>
        {failure !== undefined && (
          <Alert tone="danger" title="The test run did not start">
            {failure instanceof Error ? failure.message : 'Try again.'}
            {problems.length > 0 && (
              <ul aria-label="Problems of the draft">
                {problems.map((problem, index) => (
                  <li key={index}>
                    {problem.nodeId ? `${problem.nodeId}: ` : ''}
                    {problem.message}
                  </li>
                ))}
              </ul>
            )}
          </Alert>
        )}
        <Select
          label="Start from"
          value={draft.source}
          options={[
            { value: 'event', label: 'A sample event' },
            { value: 'profile', label: "A profile's last event" },
          ]}
          onChange={(event) => set({ source: event.target.value === 'profile' ? 'profile' : 'event' })}
        />
        {draft.source === 'event' && (
          <>
            <TextField
              label="Event name"
              value={draft.event}
              error={errors.event}
              onChange={(event) => set({ event: event.target.value })}
              data-autofocus
            />
            <TextArea
              label="Event properties (JSON)"
              rows={6}
              value={draft.properties}
              error={errors.properties}
              spellCheck={false}
              className="flows-code-field"
              onChange={(event) => set({ properties: event.target.value })}
            />
          </>
        )}
        <TextField
          label={draft.source === 'profile' ? 'Profile id' : 'Profile id (optional)'}
          hint="From a customer's page in Customers. Without one, the run has no profile."
          value={draft.profileId}
          error={errors.profileId}
          onChange={(event) => set({ profileId: event.target.value })}
        />
      </form>
    </Dialog>
  );
}
