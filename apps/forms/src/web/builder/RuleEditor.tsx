import { Button, Select } from '@orchestrator/shared/ui';
import { JUMP_TO_END } from '../../contracts/index.ts';
import type { Field, LogicRule } from '../../contracts/index.ts';
import { ConditionRow } from './ConditionRow.tsx';
import { fieldName } from './field-kinds.ts';
import { defaultValue, operatorsFor } from './logic-options.ts';

export interface RuleEditorProps {
  rule: LogicRule;
  number: number;
  field: Field;
  fields: readonly Field[];
  onChange: (rule: LogicRule) => void;
  onRemove: () => void;
  /** The server's refusal of this rule (e.g. a backward jump), shown on the rule. */
  error?: string;
  disabled: boolean;
}

/** One rule: when its conditions hold for this field's answer, jump to a later field or to the end. */
export function RuleEditor({
  rule,
  number,
  field,
  fields,
  onChange,
  onRemove,
  error,
  disabled,
}: RuleEditorProps) {
  const index = fields.findIndex((candidate) => candidate.id === field.id);
  // Only later fields are offered: jumps go forward, so a form can never loop.
  const later = fields.slice(index + 1);
  const targetIndex = fields.findIndex((candidate) => candidate.id === rule.action.to);
  const backwards = rule.action.to !== JUMP_TO_END && targetIndex !== -1 && targetIndex <= index;
  const missing = rule.action.to !== JUMP_TO_END && targetIndex === -1;
  const targets = [
    ...later.map((candidate) => ({
      value: candidate.id,
      label: `${fields.indexOf(candidate) + 1}. ${fieldName(candidate)}`,
    })),
    { value: JUMP_TO_END, label: 'The end (submit the form)' },
  ];
  if (backwards) {
    targets.unshift({
      value: rule.action.to,
      label: `${targetIndex + 1}. ${fieldName(fields[targetIndex]!)} (earlier: not allowed)`,
    });
  }
  const localProblem = backwards
    ? 'This jump goes back to an earlier field. Choose a later field or the end.'
    : missing
      ? 'The field this rule jumped to was deleted. Choose where to go.'
      : undefined;
  const problem = error ?? localProblem;

  return (
    <fieldset
      className={problem ? 'forms-rule forms-rule--invalid' : 'forms-rule'}
      aria-invalid={problem ? true : undefined}
    >
      <legend className="forms-rule__legend">Rule {number}</legend>
      {rule.conditions.length > 1 && (
        <Select
          label="Jump when"
          value={rule.match}
          options={[
            { value: 'all', label: 'all conditions hold' },
            { value: 'any', label: 'any condition holds' },
          ]}
          onChange={(event) => onChange({ ...rule, match: event.target.value === 'any' ? 'any' : 'all' })}
          disabled={disabled}
        />
      )}
      {rule.conditions.map((condition, conditionIndex) => (
        <ConditionRow
          key={conditionIndex}
          field={field}
          condition={condition}
          index={conditionIndex}
          disabled={disabled}
          onChange={(changed) =>
            onChange({
              ...rule,
              conditions: rule.conditions.map((old, at) => (at === conditionIndex ? changed : old)),
            })
          }
          onRemove={
            rule.conditions.length > 1
              ? () =>
                  onChange({ ...rule, conditions: rule.conditions.filter((_, at) => at !== conditionIndex) })
              : undefined
          }
        />
      ))}
      {field.kind !== 'statement' && (
        <div>
          <Button
            size="sm"
            variant="ghost"
            disabled={disabled || rule.conditions.length >= 20}
            onClick={() =>
              onChange({
                ...rule,
                conditions: [
                  ...rule.conditions,
                  { operator: operatorsFor(field)[0]!.value, value: defaultValue(field) },
                ],
              })
            }
          >
            + Add condition
          </Button>
        </div>
      )}
      <Select
        label="Then jump to"
        value={missing ? '' : rule.action.to}
        options={targets}
        placeholder={missing ? 'Choose where to go…' : undefined}
        error={problem}
        onChange={(event) => onChange({ ...rule, action: { type: 'jump', to: event.target.value } })}
        disabled={disabled}
      />
      <div>
        <Button size="sm" variant="ghost" onClick={onRemove} disabled={disabled}>
          Delete rule {number}
        </Button>
      </div>
    </fieldset>
  );
}
