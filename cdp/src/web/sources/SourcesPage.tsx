import { useState, useSyncExternalStore } from 'react';
import { getSession, subscribeToSession, useApiResource } from '@orchestrator/shared/api-client';
import {
  Button,
  EmptyState,
  ErrorState,
  Icon,
  LoadingState,
  PageHeader,
  useDocumentTitle,
  useToast,
} from '@orchestrator/shared/ui';
import type { Source } from '../../contracts/index.ts';
import { ConfirmDialog } from '@orchestrator/shared/ui';
import { CreateSourceDialog } from './CreateSourceDialog.tsx';
import { SourceSnippetsDialog } from './SourceSnippetsDialog.tsx';
import { SourcesTable } from './SourcesTable.tsx';
import { listSources, rotateWriteKey, setSourceEnabled } from './sources-api.ts';
import './sources.css';

type Confirmation = { kind: 'rotate' | 'disable'; source: Source };

/** Sources: the sites, apps and servers that send events to the CDP, each with its write key. */
export function SourcesPage() {
  useDocumentTitle('Sources · Customers');
  const toast = useToast();
  const session = useSyncExternalStore(subscribeToSession, getSession, () => null);
  const canManage = session?.role === 'owner' || session?.role === 'admin';

  const sources = useApiResource(listSources);
  const [creating, setCreating] = useState(false);
  const [snippetsFor, setSnippetsFor] = useState<Source>();
  const [confirming, setConfirming] = useState<Confirmation>();
  const [busySourceId, setBusySourceId] = useState<string>();

  async function change(source: Source, work: () => Promise<Source>, done: (changed: Source) => string) {
    setBusySourceId(source.id);
    try {
      const changed = await work();
      toast.show(done(changed), { tone: 'success' });
      setConfirming(undefined);
      sources.reload();
      return changed;
    } catch (error) {
      const detail = error instanceof Error ? error.message : 'Try again.';
      toast.show(`“${source.name}” could not be changed: ${detail}`, { tone: 'danger' });
      return undefined;
    } finally {
      setBusySourceId(undefined);
    }
  }

  async function confirm() {
    if (!confirming) return;
    const { kind, source } = confirming;
    if (kind === 'rotate') {
      const rotated = await change(
        source,
        () => rotateWriteKey(source.id),
        () => `New write key for “${source.name}”; the old one no longer works`,
      );
      if (rotated) setSnippetsFor(rotated);
    } else {
      await change(
        source,
        () => setSourceEnabled(source.id, false),
        () => `“${source.name}” is disabled`,
      );
    }
  }

  const createButton = canManage && (
    <Button variant="primary" onClick={() => setCreating(true)}>
      New source
    </Button>
  );

  let content;
  if (sources.data === undefined && sources.error) {
    content = (
      <ErrorState
        error={sources.error}
        onRetry={sources.reload}
        fallbackTitle="Sources could not be loaded"
      />
    );
  } else if (sources.data === undefined) {
    content = <LoadingState label="Loading sources…" />;
  } else if (sources.data.length === 0) {
    content = (
      <EmptyState
        icon={<Icon name="customers" size={20} />}
        title="No sources yet"
        description={
          canManage
            ? 'Create a source for each website, app or server that should send events. Each gets a write key for analytics.js, the Segment server libraries or the HTTP API.'
            : 'An admin of this workspace can create sources; each website, app or server that sends events gets one.'
        }
        actions={createButton || undefined}
      />
    );
  } else {
    content = (
      <SourcesTable
        sources={sources.data}
        canManage={canManage}
        busySourceId={busySourceId}
        onShowSnippets={setSnippetsFor}
        onRotate={(source) => setConfirming({ kind: 'rotate', source })}
        onDisable={(source) => setConfirming({ kind: 'disable', source })}
        onEnable={(source) =>
          void change(
            source,
            () => setSourceEnabled(source.id, true),
            () => `“${source.name}” is enabled`,
          )
        }
      />
    );
  }

  return (
    <>
      <PageHeader
        title="Sources"
        description="Where customer events come from. Each source has a write key that Segment-compatible libraries send with."
        actions={sources.data?.length ? createButton : undefined}
      />
      {content}

      <CreateSourceDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(source) => {
          setCreating(false);
          toast.show(`“${source.name}” is ready to receive events`, { tone: 'success' });
          sources.reload();
          setSnippetsFor(source);
        }}
      />
      <SourceSnippetsDialog source={snippetsFor} onClose={() => setSnippetsFor(undefined)} />
      <ConfirmDialog
        open={confirming !== undefined}
        title={confirming?.kind === 'rotate' ? 'Rotate the write key?' : 'Disable this source?'}
        confirmLabel={confirming?.kind === 'rotate' ? 'Rotate key' : 'Disable source'}
        busy={busySourceId !== undefined && busySourceId === confirming?.source.id}
        onConfirm={() => void confirm()}
        onCancel={() => setConfirming(undefined)}
      >
        {confirming?.kind === 'rotate' ? (
          <p>
            “{confirming.source.name}” gets a new write key and the current one stops working at once. Every
            site and server that sends with the current key loses its events until you give it the new one.
          </p>
        ) : (
          <p>
            Events sent with the key of “{confirming?.source.name}” will be refused until you enable it again.
            The key itself stays the same.
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}
