import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { OnChangeFn, PaginationState } from '@tanstack/react-table';
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
} from '@orchestrator/shared/ui';
import { SegmentFilter } from '../segments/SegmentFilter.tsx';
import { SEGMENTS_PATH, fetchCustomerPage } from '../segments/segments-api.ts';
import { TRAITS_PATH } from '../traits/trait-definitions-api.ts';
import { IDENTITY_PATH } from '../identity/identity-settings-api.ts';
import { SOURCES_PATH } from './customers-api.ts';
import { CustomersTable } from './CustomersTable.tsx';
import { SemanticSearchPanel } from './SemanticSearchPanel.tsx';
import './customers.css';

const PAGE_SIZE = 25;
const SEARCH_DELAY_MS = 300;

interface Paging {
  /** The search and segment these pages belong to; a new one starts again at page 1. */
  filters: string;
  pageIndex: number;
  /** cursors[i] fetches page i (page 0 has none); going forward pushes, going back pops. */
  cursors: (string | undefined)[];
}

/** The list of customer profiles, searchable by trait and identity values, one server page at a time. */
export function CustomersPage() {
  useDocumentTitle('Customers');
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q') ?? '';
  const segment = searchParams.get('segment') ?? '';

  // The box follows the URL when it changes from outside (back button, a shared link, "Clear search").
  const [draft, setDraft] = useState(q);
  const [draftFor, setDraftFor] = useState(q);
  if (draftFor !== q) {
    setDraftFor(q);
    setDraft(q);
  }

  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  function writeQuery(value: string) {
    clearTimeout(timer.current);
    setSearchParams(
      (before) => {
        const next = new URLSearchParams(before);
        if (value.trim()) next.set('q', value);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }
  function search(value: string) {
    setDraft(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => writeQuery(value), SEARCH_DELAY_MS);
  }
  function clearSearch() {
    setDraft('');
    writeQuery('');
  }
  function filterBySegment(segmentId: string) {
    setSearchParams(
      (before) => {
        const next = new URLSearchParams(before);
        if (segmentId) next.set('segment', segmentId);
        else next.delete('segment');
        return next;
      },
      { replace: true },
    );
  }

  const filters = JSON.stringify([q, segment]);
  const [paging, setPaging] = useState<Paging>({ filters, pageIndex: 0, cursors: [undefined] });
  const current = paging.filters === filters ? paging : { filters, pageIndex: 0, cursors: [undefined] };
  if (current !== paging) setPaging(current);
  const cursor = current.cursors[current.pageIndex];
  const query = q.trim();

  const load = useCallback(
    (signal: AbortSignal) => fetchCustomerPage({ q: query, segment, cursor, limit: PAGE_SIZE }, signal),
    [query, segment, cursor],
  );
  const page = useApiResource(load);
  const nextCursor = page.loading ? null : (page.data?.nextCursor ?? null);

  const pagination: PaginationState = { pageIndex: current.pageIndex, pageSize: PAGE_SIZE };
  const changePage: OnChangeFn<PaginationState> = (updater) => {
    const next = typeof updater === 'function' ? updater(pagination) : updater;
    setPaging((before) => {
      if (next.pageIndex === before.pageIndex + 1 && nextCursor) {
        return { ...before, pageIndex: next.pageIndex, cursors: [...before.cursors, nextCursor] };
      }
      if (next.pageIndex < before.pageIndex) {
        return { ...before, pageIndex: next.pageIndex, cursors: before.cursors.slice(0, next.pageIndex + 1) };
      }
      return before;
    });
  };

  return (
    <>
      <PageHeader
        title="Customers"
        description="One profile per customer, built from everything they do across the suite."
        actions={
          <>
            <Link className="cdp-link-button ui-button ui-button--secondary" to={SEGMENTS_PATH}>
              Segments
            </Link>
            <Link className="cdp-link-button ui-button ui-button--secondary" to={SOURCES_PATH}>
              Sources
            </Link>
            <Link className="cdp-link-button ui-button ui-button--secondary" to={TRAITS_PATH}>
              Traits
            </Link>
            <Link className="cdp-link-button ui-button ui-button--secondary" to={IDENTITY_PATH}>
              Identity
            </Link>
          </>
        }
      />
      <SemanticSearchPanel />
      <div className="seg-customer-filters">
        <div className="cdp-search" role="search">
          <TextField
            label="Search customers"
            type="search"
            hint="Matches names, e-mail addresses, user ids and other traits."
            value={draft}
            onChange={(event) => search(event.target.value)}
            autoComplete="off"
          />
        </div>
        <SegmentFilter value={segment} onChange={filterBySegment} />
      </div>
      {page.data === undefined ? (
        page.loading ? (
          <LoadingState label="Loading customers…" />
        ) : (
          <ErrorState error={page.error} onRetry={page.reload} fallbackTitle="Could not load customers" />
        )
      ) : (
        <>
          {page.error !== null && !page.loading && (
            <Alert tone="danger" title="Could not load this page">
              Showing the last page that loaded.{' '}
              <Button size="sm" onClick={page.reload}>
                Try again
              </Button>
            </Alert>
          )}
          {page.data.items.length === 0 && current.pageIndex === 0 && !page.loading ? (
            query ? (
              <EmptyState
                title={`No customers match “${query}”${segment ? ' in this segment' : ''}`}
                description="Try a full e-mail address, a user id or part of a name."
                actions={<Button onClick={clearSearch}>Clear search</Button>}
              />
            ) : segment ? (
              <EmptyState
                title="No customers in this segment right now"
                description="Customers enter a segment as soon as they match its rule."
                actions={<Button onClick={() => filterBySegment('')}>Show all customers</Button>}
              />
            ) : (
              <EmptyState
                icon={<Icon name="customers" size={20} />}
                title="No customers yet — connect a source"
                description="Profiles appear here as soon as a website, app or module sends its first event."
                actions={
                  <Link className="cdp-link-button ui-button ui-button--primary" to={SOURCES_PATH}>
                    Connect a source
                  </Link>
                }
              />
            )
          ) : (
            <CustomersTable
              profiles={page.data.items}
              pagination={pagination}
              onPaginationChange={changePage}
              hasNextPage={nextCursor !== null}
              busy={page.loading}
            />
          )}
        </>
      )}
    </>
  );
}
