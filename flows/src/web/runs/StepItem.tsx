import type { Step } from '../../contracts/index.ts';
import { nodeTypeOf } from '../../domain/node-registry.ts';
import { formatDurationMs } from '../common/format-time.ts';
import { RelativeTime } from '../common/RelativeTime.tsx';
import { RunStatusBadge } from '../common/RunStatusBadge.tsx';
import { JsonBlock } from './JsonBlock.tsx';

export interface StepItemProps {
  step: Step;
  label: string;
  highlighted: boolean;
}

/** One step of a run's timeline: what it received, what it returned or why it failed, and how long it took. */
export function StepItem({ step, label, highlighted }: StepItemProps) {
  const kind = nodeTypeOf(step.nodeType)?.label ?? step.nodeType;
  return (
    <li
      className={`flows-step flows-step--${step.status}${highlighted ? ' flows-step--highlighted' : ''}`}
      id={`step-${step.id}`}
    >
      <div className="flows-step__head">
        <RunStatusBadge status={step.status} />
        <strong>{label}</strong>
        <span className="flows-muted">{kind}</span>
        <span className="flows-step__meta">
          {step.handle && <span>→ {step.handle}</span>}
          <span>
            {step.attempts} {step.attempts === 1 ? 'attempt' : 'attempts'}
          </span>
          <span>{formatDurationMs(step.durationMs)}</span>
          <RelativeTime iso={step.startedAt} />
        </span>
      </div>
      {step.error && (
        <p className="flows-step__error" role="note">
          {step.error}
        </p>
      )}
      <details className="flows-step__details" open={highlighted || step.status === 'failed'}>
        <summary>Input and output</summary>
        <div className="flows-step__io">
          <JsonBlock title="Input" value={step.input} />
          <JsonBlock title="Output" value={step.output} />
        </div>
      </details>
    </li>
  );
}
