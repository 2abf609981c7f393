import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { OnChangeFn, SortingState } from '@tanstack/react-table';
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
import { SUBMISSION_CATEGORIES } from '../../contracts/index.ts';
import type { Submission, SubmissionCategory } from '../../contracts/index.ts';
import { fetchForm, fetchVersions, formPath } from '../api/forms-api.ts';
import { downloadSubmissionsCsv, listSubmissions, setSubmissionCategory } from '../api/submissions-api.ts';
import { FormTabs } from '../common/FormTabs.tsx';
import { useCanEdit } from '../common/use-can-edit.ts';
import { CategoryTabs } from './CategoryTabs.tsx';
import type { CategoryFilter } from './CategoryTabs.tsx';
import { columnsOf } from './columns-of.ts';
import { SubmissionDetailDialog } from './SubmissionDetailDialog.tsx';
import { SubmissionsTable } from './SubmissionsTable.tsx';
import '../forms.css';

const PAGE_SIZE = 25;
const SEARCH_DELAY_MS = 300;

function parseCategory(value: string | null): CategoryFilter {
  if (value === 'all') return 'all';
  return (SUBMISSION_CATEGORIES as readonly string[]).includes(value ?? '')
    ? (value as SubmissionCategory)
    : undefined;
}

/** `/forms/:formId/submissions`: the responses, searched, sorted and filtered by the server, page by page. */
export function SubmissionsPage() {
  const { formId = '' } = useParams();
  const toast = useToast();
  const canEdit = useCanEdit();
  const [params, setParams] = useSearchParams();
  const category = parseCategory(params.get('category'));
  const q = params.get('q') ?? '';
  const sort = params.get('sort') ?? 'submittedAt';
  const order = params.get('order') === 'asc' ? 'asc' : 'desc';

  function setParam(changes: Record<string, string | undefined>) {
    setParams(
      (before) => {
        const next = new URLSearchParams(before);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  }

  const [draft, setDraft] = useState(q);
  const [draftFor, setDraftFor] = useState(q);
  if (draftFor !== q) {
    setDraftFor(q);
    setDraft(q);
  }
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  function search(value: string) {
    setDraft(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setParam({ q: value.trim() || undefined }), SEARCH_DELAY_MS);
  }

  // Cursor pagination: cursors[i] fetches page i; any change of the query starts again at page 1.
  const queryKey = `${category}|${q}|${sort}|${order}`;
  const [paging, setPaging] = useState({ key: queryKey, cursors: [undefined] as (string | undefined)[] });
  const current = paging.key === queryKey ? paging : { key: queryKey, cursors: [undefined] };
  if (current !== paging) setPaging(current);
  const cursor = current.cursors.at(-1);

  const loadForm = useCallback(
    (signal: AbortSignal) => Promise.all([fetchForm(formId, signal), fetchVersions(formId, signal)]),
    [formId],
  );
  const meta = useApiResource(loadForm);
  const loadPage = useCallback(
    (signal: AbortSignal) =>
      listSubmissions(formId, { q, category, sort, order, cursor, limit: PAGE_SIZE }, signal),
    [formId, q, category, sort, order, cursor],
  );
  const page = useApiResource(loadPage);
  const [form, versions] = meta.data ?? [];
  useDocumentTitle(form ? `Submissions · ${form.title}` : 'Submissions · Forms');

  const [open, setOpen] = useState<Submission>();
  const [moving, setMoving] = useState(false);
  const [exporting, setExporting] = useState(false);

  const sorting: SortingState = [{ id: sort, desc: order === 'desc' }];
  const changeSorting: OnChangeFn<SortingState> = (updater) => {
    const next = typeof updater === 'function' ? updater(sorting) : updater;
    const first = next[0];
    setParam(
      first
        ? { sort: first.id === 'submittedAt' ? undefined : first.id, order: first.desc ? undefined : 'asc' }
        : {},
    );
  };

  async function move(submission: Submission, next: SubmissionCategory) {
    setMoving(true);
    try {
      const updated = await setSubmissionCategory(formId, submission.id, next);
      setOpen(updated);
      toast.show(`Moved to ${next === 'inbox' ? 'the inbox' : next}`, { tone: 'success' });
      page.reload();
    } catch (error) {
      toast.show(`Not moved: ${error instanceof Error ? error.message : 'try again'}`, { tone: 'danger' });
    } finally {
      setMoving(false);
    }
  }

  async function exportCsv() {
    setExporting(true);
    try {
      const fileName = await downloadSubmissionsCsv(formId, { q, category });
      toast.show(`Downloaded ${fileName}`, { tone: 'success' });
    } catch (error) {
      toast.show(`The export failed: ${error instanceof Error ? error.message : 'try again'}`, {
        tone: 'danger',
      });
    } finally {
      setExporting(false);
    }
  }

  const columns = form && versions ? columnsOf(form, versions) : undefined;
  const filtered = q !== '' || category !== undefined;
  let content;
  if (meta.error && !meta.data) {
    content = (
      <ErrorState error={meta.error} onRetry={meta.reload} fallbackTitle="The form could not be loaded" />
    );
  } else if (page.data === undefined || !columns) {
    content =
      page.error && !page.loading ? (
        <ErrorState error={page.error} onRetry={page.reload} fallbackTitle="Could not load the submissions" />
      ) : (
        <LoadingState label="Loading submissions…" />
      );
  } else if (page.data.items.length === 0 && current.cursors.length === 1 && !page.loading) {
    content = filtered ? (
      <EmptyState
        title={q ? `No responses match “${q}”` : 'No responses here'}
        description="Try another search or category."
        actions={
          <Button onClick={() => setParam({ q: undefined, category: undefined })}>Show the inbox</Button>
        }
      />
    ) : (
      <EmptyState
        icon={<Icon name="forms" size={20} />}
        title="No responses yet"
        description={
          form?.status === 'draft'
            ? 'Publish the form and share its link; responses appear here as they arrive.'
            : `Share the link ${form?.url ?? ''} or embed the form; responses appear here as they arrive.`
        }
        actions={
          <Link className="ui-button ui-button--secondary" to={formPath(formId, 'edit')}>
            Open the builder
          </Link>
        }
      />
    );
  } else {
    const total = page.data.total;
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
        <SubmissionsTable
          formId={formId}
          submissions={page.data.items}
          answerColumns={columns.answers}
          hiddenColumns={columns.hidden}
          sorting={sorting}
          onSortingChange={changeSorting}
          onOpen={setOpen}
          busy={page.loading}
          toolbar={
            <p className="forms-muted" aria-live="polite">
              {page.loading
                ? 'Loading…'
                : `${total.toLocaleString()} ${total === 1 ? 'response' : 'responses'}`}
            </p>
          }
        />
        {(current.cursors.length > 1 || page.data.nextCursor) && (
          <nav className="forms-pager" aria-label="Pages of submissions">
            <Button
              onClick={() => setPaging({ key: queryKey, cursors: current.cursors.slice(0, -1) })}
              disabled={page.loading || current.cursors.length === 1}
            >
              Previous
            </Button>
            <span className="forms-muted">Page {current.cursors.length}</span>
            <Button
              onClick={() =>
                setPaging({
                  key: queryKey,
                  cursors: [...current.cursors, page.data?.nextCursor ?? undefined],
                })
              }
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
        title={form ? form.title : 'Submissions'}
        description="Every response, with its answers and hidden fields. Open one to star, archive or mark it as spam."
        actions={
          <Button onClick={() => void exportCsv()} loading={exporting} disabled={!form}>
            Export CSV
          </Button>
        }
      />
      <FormTabs formId={formId} />
      <div className="forms-filters">
        <CategoryTabs
          value={category}
          onChange={(value) => setParam({ category: value })}
          counts={page.data?.counts}
        />
        <div className="forms-search" role="search">
          <TextField
            label="Search responses"
            type="search"
            value={draft}
            autoComplete="off"
            onChange={(event) => search(event.target.value)}
          />
        </div>
      </div>
      {content}
      <SubmissionDetailDialog
        submission={open}
        answerColumns={columns?.answers ?? []}
        onClose={() => setOpen(undefined)}
        onCategory={(submission, next) => void move(submission, next)}
        busy={moving}
        canEdit={canEdit}
      />
    </>
  );
}
