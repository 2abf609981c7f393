import { useState } from 'react';
import { MailboxResponseSchema } from '@orchestrator/shared/contracts';
import type { MailboxMessage } from '@orchestrator/shared/contracts';
import {
  Alert,
  Button,
  Dialog,
  EmptyState,
  ErrorState,
  Icon,
  LoadingState,
  PageHeader,
  useDocumentTitle,
  useToast,
} from '@orchestrator/shared/ui';
import { apiClient, useApiResource } from '@orchestrator/shared/api-client';
import { MailboxMessageList } from './MailboxMessageList.tsx';
import { MailboxMessageView } from './MailboxMessageView.tsx';
import './mailbox.css';

const MAILBOX_PATH = '/api/v1/dev/mailbox';

async function loadMessages(signal: AbortSignal): Promise<MailboxMessage[]> {
  const { items } = await apiClient.get(MAILBOX_PATH, MailboxResponseSchema, { signal });
  // Newest first, whatever order the server keeps them in.
  return [...items].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
}

/** Every e-mail the suite would have sent, kept locally instead of delivered (local mode only). */
export function MailboxPage() {
  useDocumentTitle('Mailbox');
  const toast = useToast();
  const messages = useApiResource(loadMessages);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [confirmingClear, setConfirmingClear] = useState(false);
  const [clearing, setClearing] = useState(false);

  const items = messages.data ?? [];
  // Without a choice (or when the chosen one is gone) show the newest message.
  const selected = items.find((message) => message.id === selectedId) ?? items[0] ?? null;

  async function clearMailbox() {
    setClearing(true);
    try {
      await apiClient.delete(MAILBOX_PATH);
      setConfirmingClear(false);
      setSelectedId(null);
      toast.show('Mailbox cleared', { tone: 'success' });
      messages.reload();
    } catch (error) {
      toast.show(`Could not clear the mailbox: ${error instanceof Error ? error.message : String(error)}`, {
        tone: 'danger',
      });
    } finally {
      setClearing(false);
    }
  }

  return (
    <>
      <PageHeader
        title="Mailbox"
        description="Every e-mail the suite sends in local mode lands here instead of in a real inbox."
        actions={
          <>
            <Button onClick={messages.reload} loading={messages.loading && messages.data !== undefined}>
              Refresh
            </Button>
            <Button variant="danger" onClick={() => setConfirmingClear(true)} disabled={items.length === 0}>
              Clear
            </Button>
          </>
        }
      />
      {messages.data === undefined ? (
        messages.loading ? (
          <LoadingState label="Loading messages…" />
        ) : (
          <ErrorState
            error={messages.error}
            onRetry={messages.reload}
            fallbackTitle="Could not load the mailbox"
          />
        )
      ) : (
        <>
          {messages.error !== null && (
            <Alert tone="danger" title="Could not refresh the mailbox">
              Showing the messages from the last successful load.
            </Alert>
          )}
          {items.length === 0 ? (
            <EmptyState
              title="No e-mail yet"
              description="Messages appear here when the suite sends one, e.g. a booking confirmation or a form notification."
              icon={<Icon name="mailbox" size={20} />}
            />
          ) : (
            <div className="mailbox">
              <MailboxMessageList
                messages={items}
                selectedId={selected?.id ?? null}
                onSelect={setSelectedId}
              />
              {selected && <MailboxMessageView message={selected} />}
            </div>
          )}
        </>
      )}
      <Dialog
        open={confirmingClear}
        onClose={() => setConfirmingClear(false)}
        title="Clear the mailbox?"
        footer={
          <>
            <Button onClick={() => setConfirmingClear(false)} data-autofocus>
              Cancel
            </Button>
            <Button variant="danger" loading={clearing} onClick={clearMailbox}>
              Delete {items.length === 1 ? '1 message' : `${items.length} messages`}
            </Button>
          </>
        }
      >
        <p>This deletes every message in the local mailbox. It cannot be undone.</p>
      </Dialog>
    </>
  );
}
