import { useCallback, useEffect, useRef, useState } from 'react';
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
  TextField,
  useDocumentTitle,
  useToast,
} from '@orchestrator/shared/ui';
import type { FormSummary } from '../../contracts/index.ts';
import { deleteForm, formPath, listForms } from '../api/forms-api.ts';
import { ConfirmDialog } from '@orchestrator/shared/ui';
import { useCanEdit } from '../common/use-can-edit.ts';
import { FormsTable } from './FormsTable.tsx';
import { NewFormDialog } from './NewFormDialog.tsx';
import '../forms.css';

const PAGE_SIZE = 50;
const SEARCH_DELAY_MS = 300;

/** The workspace's forms, newest first, searchable by title; "New form" opens the builder on a new one. */
export function FormsListPage() {
  useDocumentTitle('Forms');
  const navigate = useNavigate();
  const toast = useToast();
  const canEdit = useCanEdit();
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  // cursors[i] fetches page i; a new search starts again at page 1.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<FormSummary>();
  const [deleteBusy, setDeleteBusy] = useState(false);

  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  function search(value: string) {
    setDraft(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      setQ(value.trim());
      setCursors([undefined]);
    }, SEARCH_DELAY_MS);
  }

  const load = useCallback(
    (signal: AbortSignal) => listForms({ q, cursor, limit: PAGE_SIZE }, signal),
    [q, cursor],
  );
  const page = useApiResource(load);

  async function confirmDelete() {
    if (!deleting) return;
    setDeleteBusy(true);
    try {
      await deleteForm(deleting.id);
      toast.show(`“${deleting.title}” and its responses were deleted`, { tone: 'success' });
      setDeleting(undefined);
      page.reload();
    } catch (error) {
      toast.show(
        `“${deleting.title}” could not be deleted: ${error instanceof Error ? error.message : 'try again'}`,
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
      New form
    </Button>
  );

  let content;
  if (page.data === undefined) {
    content = page.loading ? (
      <LoadingState label="Loading forms…" />
    ) : (
      <ErrorState error={page.error} onRetry={page.reload} fallbackTitle="Could not load the forms" />
    );
  } else if (page.data.items.length === 0 && cursors.length === 1 && !page.loading) {
    content = q ? (
      <EmptyState
        title={`No forms match “${q}”`}
        description="Try another word of the title."
        actions={<Button onClick={() => search('')}>Clear search</Button>}
      />
    ) : (
      <EmptyState
        icon={<Icon name="forms" size={20} />}
        title="No forms yet"
        description="Build a form, publish it at a public link or embed it on your site, and read every response here. Each response also updates the customer's profile."
        actions={newButton || undefined}
      />
    );
  } else {
    content = (
      <>
        {page.error !== null && !page.loading && (
          <Alert tone="danger" title="Could not load this page">
            Showing the last page that loaded.{' '}
            <Button size="sm" onClick={page.reload}>
              Try again
            </Button>
          </Alert>
        )}
        <div aria-busy={page.loading || undefined} className="forms-list">
          <FormsTable forms={page.data.items} canEdit={canEdit} onDelete={setDeleting} />
        </div>
        {(cursors.length > 1 || page.data.nextCursor) && (
          <nav className="forms-pager" aria-label="Pages of forms">
            <Button
              onClick={() => setCursors((list) => list.slice(0, -1))}
              disabled={page.loading || cursors.length === 1}
            >
              Previous
            </Button>
            <span className="forms-muted">Page {cursors.length}</span>
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
        title="Forms"
        description="Forms and surveys you publish, and the answers they collect."
        actions={newButton || undefined}
      />
      <div className="forms-search" role="search">
        <TextField
          label="Search forms"
          type="search"
          value={draft}
          onChange={(event) => search(event.target.value)}
          autoComplete="off"
        />
      </div>
      {content}
      <NewFormDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(form) => {
          setCreating(false);
          navigate(formPath(form.id, 'edit'));
        }}
      />
      <ConfirmDialog
        open={deleting !== undefined}
        title="Delete this form?"
        confirmLabel="Delete form"
        busy={deleteBusy}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setDeleting(undefined)}
      >
        <p>
          “{deleting?.title}” is taken offline and its {deleting?.submissionCount ?? 0} responses, webhooks
          and delivery logs are deleted. Profiles in Customers keep the events they already received.
        </p>
      </ConfirmDialog>
    </>
  );
}
