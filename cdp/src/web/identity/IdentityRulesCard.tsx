import { Badge, Card, Table, type TableColumn } from '@orchestrator/shared/ui';
import type { IdentityType } from '../../contracts/index.ts';
import { DEFAULT_IDENTITY_RULES } from '../../domain/identity-rules.ts';
import { IDENTITY_LABELS, IDENTITY_TONES } from '../customers/profile-display.ts';

interface RuleRow {
  type: IdentityType;
  priority: number;
  limit: number;
  matches: boolean;
}

const rules = DEFAULT_IDENTITY_RULES;
const rows: RuleRow[] = rules.priority.map((type, index) => ({
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
    cell: (row) => <Badge tone={IDENTITY_TONES[row.type]}>{IDENTITY_LABELS[row.type]}</Badge>,
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

/** The identity rules every message is resolved with, as Segment's Identity Resolution settings show them. */
export function IdentityRulesCard() {
  return (
    <Card title="How events find their customer">
      <p className="cdp-identity__note">
        An event joins the customer who already holds one of its identifiers; when its identifiers point at
        several customers, they merge into the oldest. If that would give a customer more values of a type
        than allowed, the event&apos;s lowest-priority identifier is left out and matching is tried again — so
        a second user ID makes a new customer instead of a merge.
      </p>
      <Table
        caption="Identity rules"
        captionHidden
        columns={columns}
        rows={rows}
        rowKey={(row) => row.type}
      />
    </Card>
  );
}
