import { Link } from 'react-router-dom';
import { Badge, Button, Table, type TableColumn } from '@orchestrator/shared/ui';
import type { Source } from '../../contracts/index.ts';
import { CopyButton } from './CopyButton.tsx';
import { sourceDebuggerPath } from './sources-api.ts';

export interface SourcesTableProps {
  sources: readonly Source[];
  /** Admins may rotate keys and disable or enable sources; others only read. */
  canManage: boolean;
  busySourceId: string | undefined;
  onShowSnippets: (source: Source) => void;
  onRotate: (source: Source) => void;
  onDisable: (source: Source) => void;
  onEnable: (source: Source) => void;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const formatDate = (iso: string) => dateFormat.format(new Date(iso));

export function SourcesTable({
  sources,
  canManage,
  busySourceId,
  onShowSnippets,
  onRotate,
  onDisable,
  onEnable,
}: SourcesTableProps) {
  const columns: TableColumn<Source>[] = [
    { key: 'name', header: 'Name', isRowHeader: true, cell: (source) => source.name },
    {
      key: 'writeKey',
      header: 'Write key',
      cell: (source) => (
        <span className="cdp-sources__key">
          <code className="cdp-sources__key-text">{source.writeKey}</code>
          <CopyButton text={source.writeKey} what={`Write key of ${source.name}`} />
        </span>
      ),
    },
    {
      key: 'status',
      header: 'Status',
      width: '7rem',
      cell: (source) =>
        source.enabled ? <Badge tone="success">Enabled</Badge> : <Badge tone="warning">Disabled</Badge>,
    },
    {
      key: 'created',
      header: 'Created',
      width: '9rem',
      cell: (source) => (
        <span>
          {formatDate(source.createdAt)}
          {source.rotatedAt && (
            <span className="cdp-sources__note"> · key rotated {formatDate(source.rotatedAt)}</span>
          )}
        </span>
      ),
    },
    {
      key: 'actions',
      header: <span className="ui-visually-hidden">Actions</span>,
      cell: (source) => (
        <span className="cdp-sources__actions">
          <Button size="sm" onClick={() => onShowSnippets(source)} aria-label={`Set up ${source.name}`}>
            Set up
          </Button>
          <Link
            className="cdp-link-button ui-button ui-button--ghost ui-button--sm"
            to={sourceDebuggerPath(source.id)}
            aria-label={`Debugger of ${source.name}`}
          >
            Debugger
          </Link>
          {canManage && (
            <>
              <Button
                size="sm"
                variant="ghost"
                onClick={() => onRotate(source)}
                aria-label={`Rotate the write key of ${source.name}`}
              >
                Rotate key
              </Button>
              {source.enabled ? (
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => onDisable(source)}
                  aria-label={`Disable ${source.name}`}
                >
                  Disable
                </Button>
              ) : (
                <Button
                  size="sm"
                  variant="ghost"
                  loading={busySourceId === source.id}
                  onClick={() => onEnable(source)}
                  aria-label={`Enable ${source.name}`}
                >
                  Enable
                </Button>
              )}
            </>
          )}
        </span>
      ),
    },
  ];
  return (
    <Table caption="Sources" captionHidden columns={columns} rows={sources} rowKey={(source) => source.id} />
  );
}
