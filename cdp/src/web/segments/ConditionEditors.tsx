import { Button, Checkbox, Select, TextField } from '@orchestrator/shared/ui';
import { VALUE_OPERATORS } from '../../contracts/index.ts';
import type { ValueOperator } from '../../contracts/index.ts';
import {
  OPERATOR_LABELS,
  takesValue,
  VALUE_TYPE_LABELS,
  type DraftEvent,
  type DraftNode,
  type DraftTrait,
  type ValueType,
} from './rule-draft.ts';

export interface ConditionEditorProps<Node extends DraftNode> {
  node: Node;
  /** What is missing, shown under the row and read out with its fields. */
  problem: string | undefined;
  /** Ids of the <datalist>s of trait keys and event names. */
  suggestions: { traits: string; events: string };
  disabled: boolean;
  /** Focus the first field when it appears (the user just added it). */
  autoFocus: boolean;
  onChange: (node: Node) => void;
  onRemove: () => void;
}

const OPERATOR_OPTIONS = VALUE_OPERATORS.map((op) => ({ value: op, label: OPERATOR_LABELS[op] }));
const TYPE_OPTIONS = (Object.keys(VALUE_TYPE_LABELS) as ValueType[]).map((type) => ({
  value: type,
  label: VALUE_TYPE_LABELS[type],
}));
const BOOLEAN_OPTIONS = [
  { value: 'true', label: 'Yes (true)' },
  { value: 'false', label: 'No (false)' },
];

/** "plan is pro": a trait key (with suggestions), an operator, and a typed value. */
export function TraitConditionEditor({
  node,
  problem,
  suggestions,
  disabled,
  autoFocus,
  onChange,
  onRemove,
}: ConditionEditorProps<DraftTrait>) {
  const problemId = `${node.id}-problem`;
  const change = (patch: Partial<DraftTrait>) => onChange({ ...node, ...patch });
  const hasValue = takesValue(node.op);
  return (
    <div
      className="seg-condition"
      role="group"
      aria-label={`Trait condition${node.trait ? ` on ${node.trait}` : ''}`}
      aria-describedby={problem ? problemId : undefined}
    >
      <div className="seg-condition__fields">
        <Checkbox
          className="seg-condition__not"
          label="Not"
          checked={node.negated}
          disabled={disabled}
          onChange={(event) => change({ negated: event.target.checked })}
        />
        <TextField
          className="seg-condition__key"
          label="Trait"
          autoFocus={autoFocus}
          value={node.trait}
          list={suggestions.traits}
          placeholder="e.g. plan"
          autoComplete="off"
          maxLength={200}
          disabled={disabled}
          onChange={(event) => change({ trait: event.target.value })}
        />
        <Select
          label="Operator"
          options={OPERATOR_OPTIONS}
          value={node.op}
          disabled={disabled}
          onChange={(event) => change({ op: event.target.value as ValueOperator })}
        />
        {hasValue && (
          <Select
            label="Type"
            options={TYPE_OPTIONS}
            value={node.valueType}
            disabled={disabled}
            onChange={(event) => change({ valueType: event.target.value as ValueType, value: '' })}
          />
        )}
        {hasValue &&
          (node.valueType === 'boolean' && node.op !== 'in' ? (
            <Select
              label="Value"
              options={BOOLEAN_OPTIONS}
              placeholder="Choose…"
              value={node.value}
              disabled={disabled}
              onChange={(event) => change({ value: event.target.value })}
            />
          ) : (
            <TextField
              className="seg-condition__value"
              label={node.op === 'in' ? 'Values, comma-separated' : 'Value'}
              value={node.value}
              inputMode={node.valueType === 'number' ? 'decimal' : undefined}
              autoComplete="off"
              disabled={disabled}
              onChange={(event) => change({ value: event.target.value })}
            />
          ))}
        <Button
          size="sm"
          variant="ghost"
          onClick={onRemove}
          disabled={disabled}
          className="seg-condition__remove"
        >
          Remove
          <span className="ui-visually-hidden"> trait condition{node.trait ? ` on ${node.trait}` : ''}</span>
        </Button>
      </div>
      {problem && (
        <p id={problemId} className="ui-field__error">
          {problem}
        </p>
      )}
    </div>
  );
}

/** "did Order Completed at least 2 times in the last 30 days". */
export function EventConditionEditor({
  node,
  problem,
  suggestions,
  disabled,
  autoFocus,
  onChange,
  onRemove,
}: ConditionEditorProps<DraftEvent>) {
  const problemId = `${node.id}-problem`;
  const change = (patch: Partial<DraftEvent>) => onChange({ ...node, ...patch });
  return (
    <div
      className="seg-condition seg-condition--event"
      role="group"
      aria-label={`Event condition${node.event ? ` on ${node.event}` : ''}`}
      aria-describedby={problem ? problemId : undefined}
    >
      <div className="seg-condition__fields">
        <Checkbox
          className="seg-condition__not"
          label="Did not"
          checked={node.negated}
          disabled={disabled}
          onChange={(event) => change({ negated: event.target.checked })}
        />
        <TextField
          className="seg-condition__key"
          label="Did event"
          autoFocus={autoFocus}
          value={node.event}
          list={suggestions.events}
          placeholder="e.g. Order Completed"
          autoComplete="off"
          maxLength={500}
          disabled={disabled}
          onChange={(event) => change({ event: event.target.value })}
        />
        <TextField
          className="seg-condition__number"
          label="At least (times)"
          type="number"
          min={1}
          step={1}
          inputMode="numeric"
          value={node.atLeast}
          disabled={disabled}
          onChange={(event) => change({ atLeast: event.target.value })}
        />
        <TextField
          className="seg-condition__number"
          label="In the last (days)"
          type="number"
          min={1}
          step={1}
          inputMode="numeric"
          placeholder="all time"
          value={node.withinDays}
          disabled={disabled}
          onChange={(event) => change({ withinDays: event.target.value })}
        />
        <Button
          size="sm"
          variant="ghost"
          onClick={onRemove}
          disabled={disabled}
          className="seg-condition__remove"
        >
          Remove
          <span className="ui-visually-hidden"> event condition{node.event ? ` on ${node.event}` : ''}</span>
        </Button>
      </div>
      {node.where.length > 0 && (
        <p className="cdp-muted">
          Only events whose properties match{' '}
          {node.where.length === 1 ? 'a filter' : `${node.where.length} filters`} (
          {node.where
            .map((filter) => `${filter.property} ${OPERATOR_LABELS[filter.op]} ${filter.value ?? ''}`.trim())
            .join('; ')}
          ), kept as set through the API.
        </p>
      )}
      {problem && (
        <p id={problemId} className="ui-field__error">
          {problem}
        </p>
      )}
    </div>
  );
}
