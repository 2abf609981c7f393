import { Link } from 'react-router-dom';
import {
  columnVisibilityFeature,
  createColumnHelper,
  rowPaginationFeature,
  tableFeatures,
} from '@tanstack/react-table';
import { customerPath } from './customers-api.ts';
import type { Profile } from './customers-api.ts';
import { IdentityTypeBadge } from './IdentityTypeBadge.tsx';
import { identitiesByType, profileDisplayName, profileEmail } from './profile-display.ts';
import { RelativeTime } from './RelativeTime.tsx';

// Pagination is the server's (manualPagination); the table only needs its state and navigation APIs.
export const customerTableFeatures = tableFeatures({ rowPaginationFeature, columnVisibilityFeature });

const helper = createColumnHelper<typeof customerTableFeatures, Profile>();

function CustomerCell({ profile }: { profile: Profile }) {
  const name = profileDisplayName(profile);
  const email = profileEmail(profile);
  return (
    <div className="cdp-customer-cell">
      <Link className="cdp-customer-cell__name" to={customerPath(profile.id)}>
        {name}
      </Link>
      {email && email !== name && <span className="cdp-muted">{email}</span>}
    </div>
  );
}

function IdentityBadges({ profile }: { profile: Profile }) {
  const groups = identitiesByType(profile);
  if (groups.length === 0) return <span className="cdp-muted">None</span>;
  return (
    <ul className="cdp-badge-list">
      {groups.map(({ type, values }) => (
        <li key={type} title={values.join('\n')}>
          <IdentityTypeBadge type={type}>{values.length > 1 && ` ×${values.length}`}</IdentityTypeBadge>
        </li>
      ))}
    </ul>
  );
}

export const customerColumns = helper.columns([
  helper.display({
    id: 'customer',
    header: 'Customer',
    enableHiding: false,
    cell: ({ row }) => <CustomerCell profile={row.original} />,
  }),
  helper.display({
    id: 'identities',
    header: 'Identities',
    cell: ({ row }) => <IdentityBadges profile={row.original} />,
  }),
  helper.accessor('firstSeenAt', {
    header: 'First seen',
    cell: ({ getValue }) => <RelativeTime iso={getValue()} />,
  }),
  helper.accessor('lastSeenAt', {
    header: 'Last seen',
    cell: ({ getValue }) => <RelativeTime iso={getValue()} />,
  }),
  helper.accessor('eventCount', {
    header: 'Events',
    cell: ({ getValue }) => getValue().toLocaleString(),
  }),
  helper.accessor('id', {
    header: 'Profile ID',
    cell: ({ getValue }) => <code className="cdp-code">{getValue()}</code>,
  }),
]);

/** Column ids the picker can show or hide, with their labels. */
export const hideableColumns = [
  { id: 'identities', label: 'Identities' },
  { id: 'firstSeenAt', label: 'First seen' },
  { id: 'lastSeenAt', label: 'Last seen' },
  { id: 'eventCount', label: 'Events' },
  { id: 'id', label: 'Profile ID' },
] as const;

export const defaultColumnVisibility: Record<string, boolean> = { id: false };
