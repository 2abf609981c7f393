import type { ReactNode } from 'react';
import { Badge } from '@orchestrator/shared/ui';
import type { IdentityType } from '../../contracts/index.ts';
import { IDENTITY_LABELS, IDENTITY_TONES } from './profile-display.ts';

/** An identity type as the CDP pages show it: its label in its colour, with anything added after it. */
export function IdentityTypeBadge({ type, children }: { type: IdentityType; children?: ReactNode }) {
  return (
    <Badge tone={IDENTITY_TONES[type]}>
      {IDENTITY_LABELS[type]}
      {children}
    </Badge>
  );
}
