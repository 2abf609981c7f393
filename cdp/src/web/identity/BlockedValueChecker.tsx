import { useId, useState } from 'react';
import { Badge, Select, TextField } from '@orchestrator/shared/ui';
import type { BlockedIdentifier, IdentityType } from '../../contracts/index.ts';
import {
  blockReasonOf,
  workspaceBlockedSet,
  type BlockReason,
} from '../../domain/blocked-identifier-values.ts';
import { IDENTITY_LABELS, IDENTITY_TYPE_OPTIONS } from '../customers/profile-display.ts';

function reasonText(reason: BlockReason): string {
  switch (reason.kind) {
    case 'built-in value':
      return `“${reason.value}” is a built-in placeholder value.`;
    case 'built-in pattern':
      return `${reason.description} (a built-in placeholder pattern).`;
    case 'workspace':
      return 'This workspace blocks it (see the list above).';
  }
}

/**
 * Answers "why does this e-mail not link anyone?" before a message is sent: the same rules the profile
 * builder applies, with the workspace's list and identity rules as saved.
 */
export function BlockedValueChecker({
  blocked,
  linking,
}: {
  blocked: readonly BlockedIdentifier[];
  /** The types that link events in this workspace (its identity rules), once loaded. */
  linking: readonly IdentityType[] | undefined;
}) {
  const [type, setType] = useState<IdentityType>('email');
  const [value, setValue] = useState('');
  const resultId = useId();
  const trimmed = value.trim();
  const reason = trimmed
    ? blockReasonOf(
        { type, value: trimmed },
        workspaceBlockedSet(blocked.map((entry) => `${entry.type}:${entry.value}`)),
      )
    : undefined;
  return (
    <div className="cdp-identity__checker">
      <div className="cdp-identity__row">
        <Select
          label="Identifier type"
          options={IDENTITY_TYPE_OPTIONS}
          value={type}
          onChange={(event) => setType(event.target.value as IdentityType)}
        />
        <TextField
          label="Value to check"
          value={value}
          maxLength={1024}
          autoComplete="off"
          aria-describedby={trimmed ? resultId : undefined}
          onChange={(event) => setValue(event.target.value)}
        />
      </div>
      {trimmed && (
        <p id={resultId} role="status" className="cdp-identity__verdict">
          {reason ? (
            <>
              <Badge tone="warning">Blocked</Badge> Never links events to a customer: {reasonText(reason)} It
              stays in the event and in the traits.
            </>
          ) : linking && !linking.includes(type) ? (
            <>
              <Badge tone="neutral">Kept</Badge> Not blocked, but {IDENTITY_LABELS[type]} values do not link
              events in this workspace (see the identity rules above): it is kept on the customer who holds
              it, never used to find one.
            </>
          ) : (
            <>
              <Badge tone="success">Used</Badge> Links events to a customer: no placeholder rule or workspace
              entry blocks it.
            </>
          )}
        </p>
      )}
    </div>
  );
}
