import { useCallback, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useApiResource } from '@orchestrator/shared/api-client';
import {
  Alert,
  Button,
  EmptyState,
  ErrorState,
  Icon,
  LoadingState,
  PageHeader,
  useDocumentTitle,
  useToast,
} from '@orchestrator/shared/ui';
import type { FlowListItem } from '../../contracts/index.ts';
import { deleteFlow, listFlows } from '../api/flows-api.ts';
import { flowPath } from '../api/flow-paths.ts';
import { ConfirmDialog } from '@orchestrator/shared/ui';
import { DataTable } from '../common/DataTable.tsx';
import { useCanEdit } from '../common/use-can-edit.ts';
import { flowColumnsFor } from './flow-columns.tsx';
import { NewFlowDialog } from './NewFlowDialog.tsx';
import '../flows.css';

const PAGE_SIZE = 50;

/** The workspace's automations with their status, version, live runs and error rate. */
export function FlowsListPage() {
  useDocumentTitle('Automations');
  const navigate = useNavigate();
  const canEdit = useCanEdit();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<FlowListItem>();
  const [deleteBusy, setDeleteBusy] = useState(false);
  const toast = useToast();
  const columns = useMemo(() => flowColumnsFor(canEdit ? setDeleting : undefined), [canEdit]);
  const load = useCallback(
    (signal: AbortSignal) => listFlows({ cursor, limit: PAGE_SIZE }, signal),
    [cursor],
  );
  const page = useApiResource(load);

  async function confirmDelete() {
    if (!deleting) return;
    setDeleteBusy(true);
    try {
      await deleteFlow(deleting.id);
      toast.show(`“${deleting.name}” was deleted with its versions and runs.`, { tone: 'success' });
      setDeleting(undefined);
      page.reload();
    } catch (error) {
      toast.show(
        `“${deleting.name}” was not deleted: ${error instanceof Error ? error.message : 'try again'}`,
        {
          tone: 'danger',
        },
      );
    } finally {
      setDeleteBusy(false);
    }
  }

  const newButton = canEdit && (
    <Button variant="primary" onClick={() => setCreating(true)}>
      New automation
    </Button>
  );

  let content;
  if (page.data === undefined) {
    content = page.loading ? (
      <LoadingState label="Loading automations…" />
    ) : (
      <ErrorState error={page.error} onRetry={page.reload} fallbackTitle="Could not load the automations" />
    );
  } else if (page.data.items.length === 0 && cursors.length === 1) {
    content = (
      <EmptyState
        icon={<Icon name="automations" size={20} />}
        title="No automations yet"
        description="Draw a customer journey: start it from an event, a segment or a form, wait, branch, and send e-mails or call webhooks. Start blank or from a ready template."
        actions={newButton || undefined}
      />
    );
  } else {
    content = (
      <>
        {page.error !== null && !page.loading && (
          <Alert tone="danger" title="Could not refresh the list">
            Showing the last page that loaded.{' '}
            <Button size="sm" onClick={page.reload}>
              Try again
            </Button>
          </Alert>
        )}
        <DataTable
          caption="Automations"
          columns={columns}
          rows={page.data.items}
          rowId={(flow) => flow.id}
          rowHeader="name"
          busy={page.loading}
        />
        {(cursors.length > 1 || page.data.nextCursor) && (
          <nav className="flows-pager" aria-label="Pages of automations">
            <Button
              onClick={() => setCursors((list) => list.slice(0, -1))}
              disabled={page.loading || cursors.length === 1}
            >
              Previous
            </Button>
            <span className="flows-muted">Page {cursors.length}</span>
            <Button
              onClick={() => setCursors((list) => [...list, page.data?.nextCursor ?? undefined])}
              disabled={page.loading || !page.data.nextCursor}
            >
              Next
            </Button>
          </nav>
        )}
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Automations"
        description="Customer journeys drawn as flows of triggers, waits, conditions and actions."
        actions={newButton || undefined}
      />
      {content}
      <NewFlowDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(flow) => {
          setCreating(false);
          navigate(flowPath(flow.id));
        }}
      />
      <ConfirmDialog
        open={deleting !== undefined}
        title="Delete this automation?"
        confirmLabel="Delete automation"
        busy={deleteBusy}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setDeleting(undefined)}
      >
        <p>
          “{deleting?.name}” stops taking runs, and its versions, its {deleting?.stats.live ?? 0} live runs
          and its run history are deleted.
        </p>
      </ConfirmDialog>
    </>
  );
}
