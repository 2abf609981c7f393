import { Badge, Card, ErrorState, LoadingState, Table, type TableColumn } from '@orchestrator/shared/ui';
import type { IdentityRules, IdentityRulesSettings, IdentityType } from '../../contracts/index.ts';
import { IdentityTypeBadge } from '../customers/IdentityTypeBadge.tsx';
import { IdentityRulesForm } from './IdentityRulesForm.tsx';

interface RuleRow {
  type: IdentityType;
  priority: number;
  limit: number;
  matches: boolean;
}

const rowsOf = (rules: IdentityRules): RuleRow[] =>
  rules.priority.map((type, index) => ({
    type,
    priority: index + 1,
    limit: rules.limits[type],
    matches: rules.matching.includes(type),
  }));

const columns: TableColumn<RuleRow>[] = [
  { key: 'priority', header: 'Priority', cell: (row) => row.priority, width: '6rem' },
  {
    key: 'type',
    header: 'Identifier',
    isRowHeader: true,
    cell: (row) => <IdentityTypeBadge type={row.type} />,
  },
  {
    key: 'limit',
    header: 'Most per customer',
    cell: (row) => row.limit.toLocaleString('en-US'),
  },
  {
    key: 'matches',
    header: 'Links events to a customer',
    cell: (row) => (row.matches ? 'Yes' : 'No: kept on the profile, never used to find it'),
  },
];

const savedFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "Defaults", or "Customised (saved …)" with when the workspace last saved its own rules. */
function RulesStatus({ settings }: { settings: IdentityRulesSettings }) {
  if (settings.isDefault || settings.updatedAt === null) {
    return <Badge tone="neutral">{settings.isDefault ? 'Defaults' : 'Customised'}</Badge>;
  }
  const savedAt = new Date(settings.updatedAt);
  const when = Number.isNaN(savedAt.getTime()) ? settings.updatedAt : savedFormat.format(savedAt);
  // One text node: the badge lays its content out as flex items, which would drop a space between two.
  return <Badge tone="accent">{`Customised (saved ${when})`}</Badge>;
}

export interface IdentityRulesCardProps {
  /** Admins and owners edit the rules; everyone else reads them. */
  canEdit: boolean;
  /** The workspace's rules as the server holds them (undefined while loading, or when loading failed). */
  settings: IdentityRulesSettings | undefined;
  /** Why they could not be loaded, with a retry. */
  loadError: unknown;
  onRetry: () => void;
  /** The server's answer to a save or a reset. */
  onSaved: (settings: IdentityRulesSettings) => void;
}

/**
 * The identity rules the workspace's messages are resolved with, as Segment's Identity Resolution settings
 * show them: read by everyone, edited by admins.
 */
export function IdentityRulesCard({
  canEdit,
  settings,
  loadError,
  onRetry,
  onSaved,
}: IdentityRulesCardProps) {
  let content;
  if (settings === undefined && loadError) {
    content = (
      <ErrorState
        error={loadError}
        onRetry={onRetry}
        fallbackTitle="The identity rules could not be loaded"
      />
    );
  } else if (settings === undefined) {
    content = <LoadingState label="Loading identity rules…" />;
  } else if (canEdit) {
    content = <IdentityRulesForm settings={settings} onSaved={onSaved} />;
  } else {
    content = (
      <>
        <Table
          caption="Identity rules"
          captionHidden
          columns={columns}
          rows={rowsOf(settings.rules)}
          rowKey={(row) => row.type}
        />
        <p className="cdp-identity__note cdp-identity__after-table">
          Workspace admins and owners can change these rules.
        </p>
      </>
    );
  }

  return (
    <Card
      title="How events find their customer"
      actions={settings ? <RulesStatus settings={settings} /> : undefined}
    >
      <p className="cdp-identity__note">
        An event joins the customer who already holds one of its identifiers; when its identifiers point at
        several customers, they merge into the oldest. If that would give a customer more values of a type
        than allowed, the event&apos;s lowest-priority identifier is left out and matching is tried again — so
        with one user ID per customer (the default), a second user ID makes a new customer instead of a merge.
      </p>
      {content}
    </Card>
  );
}
