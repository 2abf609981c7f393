import { Button, Select, TextField } from '@orchestrator/shared/ui';
import type { ConditionOperator, Field, LogicCondition } from '../../contracts/index.ts';
import { operatorsFor, takesValue } from './logic-options.ts';
import { NumberField } from './NumberField.tsx';

export interface ConditionRowProps {
  field: Field;
  condition: LogicCondition;
  index: number;
  onChange: (condition: LogicCondition) => void;
  onRemove?: () => void;
  disabled: boolean;
}

/** "The answer [is] [Newsletter]": an operator for the field's kind and a value of the right type. */
export function ConditionRow({ field, condition, index, onChange, onRemove, disabled }: ConditionRowProps) {
  const operators = operatorsFor(field);
  const ordinal = index === 0 ? '' : ` ${index + 1}`;

  function setOperator(operator: ConditionOperator) {
    onChange(takesValue(operator) ? { operator, value: condition.value } : { operator });
  }

  let valueInput = null;
  if (takesValue(condition.operator)) {
    const label = `Value${ordinal}`;
    if (field.kind === 'single_choice' || field.kind === 'multiple_choice' || field.kind === 'dropdown') {
      valueInput = (
        <Select
          label={label}
          value={String(condition.value ?? '')}
          options={field.options.map((option) => ({ value: option.label, label: option.label }))}
          placeholder="Choose an option…"
          onChange={(event) => onChange({ ...condition, value: event.target.value })}
          disabled={disabled}
        />
      );
    } else if (field.kind === 'yes_no' || field.kind === 'legal_consent') {
      valueInput = (
        <Select
          label={label}
          value={String(condition.value ?? true)}
          options={[
            { value: 'true', label: field.kind === 'yes_no' ? 'Yes' : 'Accepted' },
            { value: 'false', label: field.kind === 'yes_no' ? 'No' : 'Not accepted' },
          ]}
          onChange={(event) => onChange({ ...condition, value: event.target.value === 'true' })}
          disabled={disabled}
        />
      );
    } else if (field.kind === 'number' || field.kind === 'rating' || field.kind === 'opinion_scale') {
      valueInput = (
        <NumberField
          label={label}
          value={typeof condition.value === 'number' ? condition.value : undefined}
          step={field.kind === 'number' ? 0.01 : 1}
          onChange={(value) => onChange({ ...condition, value })}
          disabled={disabled}
        />
      );
    } else {
      valueInput = (
        <TextField
          label={label}
          type={field.kind === 'date' ? 'date' : 'text'}
          value={String(condition.value ?? '')}
          maxLength={1000}
          onChange={(event) => onChange({ ...condition, value: event.target.value })}
          disabled={disabled}
        />
      );
    }
  }

  return (
    <div className="forms-condition">
      <Select
        label={`The answer${ordinal}`}
        value={condition.operator}
        options={operators}
        onChange={(event) => setOperator(event.target.value as ConditionOperator)}
        disabled={disabled}
      />
      {valueInput}
      {onRemove && (
        <Button
          size="sm"
          variant="ghost"
          onClick={onRemove}
          disabled={disabled}
          aria-label={`Remove condition${ordinal || ' 1'}`}
        >
          ✕
        </Button>
      )}
    </div>
  );
}
