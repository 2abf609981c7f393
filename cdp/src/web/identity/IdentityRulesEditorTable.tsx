import { useEffect, useRef, useState } from 'react';
import { Button, Checkbox, Table, TextField, type TableColumn } from '@orchestrator/shared/ui';
import type { IdentityType } from '../../contracts/index.ts';
import { IdentityTypeBadge } from '../customers/IdentityTypeBadge.tsx';
import { IDENTITY_LABELS } from '../customers/profile-display.ts';
import {
  MAX_LIMIT,
  MIN_LIMIT,
  canLinkEvents,
  limitField,
  moveType,
  setLimit,
  setMatching,
  type RulesDraft,
  type RulesFieldErrors,
} from './identity-rules-draft.ts';

export interface IdentityRulesEditorTableProps {
  draft: RulesDraft;
  errors: RulesFieldErrors;
  disabled: boolean;
  onChange: (draft: RulesDraft) => void;
}

type Direction = 'up' | 'down';

interface Row {
  type: IdentityType;
  rank: number;
}

/**
 * The identity rules as an admin edits them, one row per identifier type in priority order: buttons move
 * a type up or down, a number sets its limit, a checkbox whether it links events to a customer.
 */
export function IdentityRulesEditorTable({
  draft,
  errors,
  disabled,
  onChange,
}: IdentityRulesEditorTableProps) {
  const moveButtons = useRef(new Map<string, HTMLButtonElement>());
  // The button pressed last: it moved with its row, so focus goes back to it (or to its pair at an end).
  const [moved, setMoved] = useState<{ type: IdentityType; direction: Direction }>();
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    if (!moved) return;
    const other: Direction = moved.direction === 'up' ? 'down' : 'up';
    const button = moveButtons.current.get(`${moved.type}:${moved.direction}`);
    const target = button && !button.disabled ? button : moveButtons.current.get(`${moved.type}:${other}`);
    target?.focus();
  }, [moved]);

  function move(type: IdentityType, direction: Direction) {
    const next = moveType(draft, type, direction === 'up' ? -1 : 1);
    onChange(next);
    setMoved({ type, direction });
    setAnnouncement(`${IDENTITY_LABELS[type]} is now priority ${next.priority.indexOf(type) + 1}`);
  }

  const moveButton = (row: Row, direction: Direction) => {
    const atEnd = direction === 'up' ? row.rank === 1 : row.rank === draft.priority.length;
    return (
      <Button
        size="sm"
        variant="ghost"
        aria-label={`Move ${IDENTITY_LABELS[row.type]} ${direction}`}
        disabled={disabled || atEnd}
        onClick={() => move(row.type, direction)}
        ref={(button: HTMLButtonElement | null) => {
          const key = `${row.type}:${direction}`;
          if (button) moveButtons.current.set(key, button);
          else moveButtons.current.delete(key);
        }}
      >
        <span aria-hidden="true">{direction === 'up' ? '↑' : '↓'}</span>
      </Button>
    );
  };

  const columns: TableColumn<Row>[] = [
    {
      key: 'priority',
      header: 'Priority',
      width: '9rem',
      cell: (row) => (
        <span className="cdp-identity__priority">
          <span className="cdp-identity__rank">{row.rank}</span>
          {moveButton(row, 'up')}
          {moveButton(row, 'down')}
        </span>
      ),
    },
    {
      key: 'type',
      header: 'Identifier',
      isRowHeader: true,
      cell: (row) => <IdentityTypeBadge type={row.type} />,
    },
    {
      key: 'limit',
      header: 'Most per customer',
      width: '12rem',
      cell: (row) => (
        <TextField
          className="cdp-identity__limit"
          label={`Most ${IDENTITY_LABELS[row.type]} values per customer`}
          type="number"
          inputMode="numeric"
          min={MIN_LIMIT}
          max={MAX_LIMIT}
          step={1}
          required
          value={draft.limits[row.type]}
          disabled={disabled}
          error={errors[limitField(row.type)]}
          onChange={(event) => onChange(setLimit(draft, row.type, event.target.value))}
        />
      ),
    },
    {
      key: 'matches',
      header: 'Links events to a customer',
      cell: (row) => {
        const links = draft.matching.has(row.type);
        return (
          <Checkbox
            label="Links events"
            aria-label={`${IDENTITY_LABELS[row.type]} links events to a customer`}
            checked={links}
            disabled={disabled || !canLinkEvents(row.type)}
            hint={
              !canLinkEvents(row.type)
                ? 'Never: everyone in one company would merge into one customer.'
                : links
                  ? undefined
                  : 'Kept on the profile, never used to find it.'
            }
            onChange={(event) => onChange(setMatching(draft, row.type, event.target.checked))}
          />
        );
      },
    },
  ];

  return (
    <>
      <Table
        caption="Identity rules"
        captionHidden
        columns={columns}
        rows={draft.priority.map((type, index) => ({ type, rank: index + 1 }))}
        rowKey={(row) => row.type}
      />
      <p className="ui-visually-hidden" role="status">
        {announcement}
      </p>
    </>
  );
}
