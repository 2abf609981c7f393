import { useState } from 'react';
import { Button } from '@orchestrator/shared/ui';
import { CopyButton } from '../common/CopyButton.tsx';

/** The signing secret, masked until shown; copyable either way. */
export function SecretField({ secret, label }: { secret: string; label: string }) {
  const [shown, setShown] = useState(false);
  return (
    <span className="forms-secret">
      <code className="forms-code" aria-label={shown ? undefined : `${label}, hidden`}>
        {shown ? secret : `${secret.slice(0, 6)}${'•'.repeat(12)}`}
      </code>
      <Button size="sm" variant="ghost" onClick={() => setShown((current) => !current)} aria-pressed={shown}>
        {shown ? 'Hide' : 'Show'}
        <span className="ui-visually-hidden"> {label}</span>
      </Button>
      <CopyButton text={secret} what={label} />
    </span>
  );
}
