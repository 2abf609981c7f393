import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useApiResource } from '@orchestrator/shared/api-client';
import {
  Badge,
  Button,
  Card,
  EmptyState,
  ErrorState,
  Icon,
  LoadingState,
  PageHeader,
  Table,
  useDocumentTitle,
  type TableColumn,
} from '@orchestrator/shared/ui';
import { JsonValue } from '../customers/JsonValue.tsx';
import { ProfileRef } from '../customers/ProfileRef.tsx';
import { formatExact } from '../customers/format-time.ts';
import { describeOutcome, toDebuggerRows, whoOf, type DebuggerRow } from './debugger-rows.ts';
import { listSources } from './sources-api.ts';
import { useLiveDebugger } from './use-live-debugger.ts';
import './sources.css';

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

/**
 * A source's debugger (Segment's Debugger, RudderStack's Live Events): what the source sent lately,
 * live, newest first — each message with what became of it, each refused request with the reason —
 * so whoever installs a snippet sees at once whether it works.
 */
export function SourceDebuggerPage() {
  const { sourceId = '' } = useParams();
  const sources = useApiResource(listSources);
  const source = sources.data?.find((candidate) => candidate.id === sourceId);
  useDocumentTitle(`Debugger${source ? ` · ${source.name}` : ''} · Sources`);
  const live = useLiveDebugger(sourceId);
  const [selectedKey, setSelectedKey] = useState<string>();

  const rows = live.data ? toDebuggerRows(live.data.items) : [];
  const selected = rows.find((row) => row.key === selectedKey);

  const columns: TableColumn<DebuggerRow>[] = [
    {
      key: 'time',
      header: 'Received',
      width: '7.5rem',
      cell: (row) => <time dateTime={row.receivedAt}>{timeFormat.format(new Date(row.receivedAt))}</time>,
    },
    {
      key: 'what',
      header: 'Message',
      isRowHeader: true,
      cell: (row) => (
        <span className="cdp-debugger__what">
          <code className="cdp-code">{row.type ?? row.endpoint}</code> {row.name ?? ''}
        </span>
      ),
    },
    {
      key: 'who',
      header: 'User or anonymous id',
      cell: (row) => <span className="cdp-debugger__who">{whoOf(row) ?? '—'}</span>,
    },
    {
      key: 'outcome',
      header: 'Outcome',
      cell: (row) => <OutcomeCell row={row} />,
    },
    {
      key: 'inspect',
      header: <span className="ui-visually-hidden">Details</span>,
      width: '6rem',
      cell: (row) => (
        <Button
          size="sm"
          variant="ghost"
          aria-pressed={row.key === selectedKey}
          aria-label={`Details of the ${row.type ?? row.endpoint} received at ${timeFormat.format(new Date(row.receivedAt))}`}
          onClick={() => setSelectedKey(row.key === selectedKey ? undefined : row.key)}
        >
          {row.key === selectedKey ? 'Hide' : 'Details'}
        </Button>
      ),
    },
  ];

  let content;
  if (live.data === undefined && live.error) {
    content = (
      <ErrorState error={live.error} onRetry={live.retry} fallbackTitle="The debugger could not be loaded" />
    );
  } else if (live.data === undefined) {
    content = <LoadingState label="Loading what the source sent…" />;
  } else if (rows.length === 0) {
    content = (
      <EmptyState
        icon={<Icon name="customers" size={20} />}
        title="Nothing received in the last day"
        description="Send an event with this source's write key (the Set up button on Sources shows how): it appears here within seconds, with what became of it."
      />
    );
  } else {
    content = (
      <div className="cdp-debugger">
        <Table
          caption="What the source sent, newest first"
          captionHidden
          columns={columns}
          rows={rows}
          rowKey={(row) => row.key}
          isRowSelected={(row) => row.key === selectedKey}
        />
        {selected && <EntryDetails row={selected} />}
      </div>
    );
  }

  return (
    <>
      <PageHeader
        title={`Debugger${source ? `: ${source.name}` : ''}`}
        description={
          live.data
            ? `What this source sent in the last day, live: up to ${live.data.sampledPerRequest} messages of each request, the newest first.`
            : 'What this source sent in the last day, live.'
        }
        actions={
          <>
            <Link className="cdp-link-button ui-button ui-button--secondary" to="/customers/sources">
              All sources
            </Link>
            <Button aria-pressed={live.paused} onClick={() => live.setPaused(!live.paused)}>
              {live.paused ? 'Resume' : 'Pause'}
            </Button>
          </>
        }
      />
      <p className="cdp-debugger__status" role="status">
        {live.paused
          ? 'Paused.'
          : live.error && live.data
            ? 'Could not refresh; trying again…'
            : live.updatedAt
              ? `Live · updated ${timeFormat.format(live.updatedAt)}`
              : ''}
      </p>
      {content}
    </>
  );
}

function OutcomeCell({ row }: { row: DebuggerRow }) {
  const outcome = describeOutcome(row);
  const profileId = row.outcome?.state === 'processed' ? row.outcome.profileId : null;
  return (
    <span className="cdp-debugger__outcome">
      <Badge tone={outcome.tone}>{outcome.label}</Badge>
      {profileId && <ProfileRef id={profileId} />}
      {outcome.detail && <span className="cdp-debugger__reason">{outcome.detail}</span>}
    </span>
  );
}

function EntryDetails({ row }: { row: DebuggerRow }) {
  return (
    <Card title={row.status === 'refused' ? 'The refused request' : 'The message as stored'}>
      <dl className="cdp-debugger__facts">
        <dt>Received</dt>
        <dd>{formatExact(row.receivedAt)}</dd>
        <dt>Call</dt>
        <dd>
          <code className="cdp-code">/v1/{row.endpoint}</code>
        </dd>
        {row.messageId && (
          <>
            <dt>Message id</dt>
            <dd>
              <code className="cdp-code">{row.messageId}</code>
            </dd>
          </>
        )}
      </dl>
      {row.errors.length > 0 && (
        <ul className="cdp-debugger__errors" aria-label="What was wrong">
          {row.errors.map((error) => (
            <li key={`${error.field}:${error.message}`}>
              <code className="cdp-code">{error.field}</code> {error.message}
            </li>
          ))}
        </ul>
      )}
      <JsonValue value={row.payload} block />
    </Card>
  );
}
