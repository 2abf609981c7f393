import { Button } from '@orchestrator/shared/ui';
import { JUMP_TO_END } from '../../contracts/index.ts';
import type { Field, Logic, LogicRule } from '../../contracts/index.ts';
import { newOptionId } from './field-kinds.ts';
import { defaultValue, operatorsFor, takesValue } from './logic-options.ts';
import { RuleEditor } from './RuleEditor.tsx';

export interface LogicEditorProps {
  field: Field;
  fields: readonly Field[];
  logic: Logic;
  /** The rules of this field, replacing its old ones. */
  onChange: (rules: LogicRule[]) => void;
  errors: Readonly<Record<string, string>>;
  disabled: boolean;
}

/** The jumps after this field: the first rule whose conditions hold decides where the respondent goes. */
export function LogicEditor({ field, fields, logic, onChange, errors, disabled }: LogicEditorProps) {
  const rules = logic.filter((rule) => rule.fieldId === field.id);
  const index = fields.findIndex((candidate) => candidate.id === field.id);

  function addRule() {
    const operator = operatorsFor(field)[0]!.value;
    // By default skip the next field: that is what a jump is usually for.
    const target = fields[index + 2]?.id ?? JUMP_TO_END;
    onChange([
      ...rules,
      {
        id: `rule_${newOptionId().slice(4)}`,
        fieldId: field.id,
        match: 'all',
        conditions: [takesValue(operator) ? { operator, value: defaultValue(field) } : { operator }],
        action: { type: 'jump', to: target },
      },
    ]);
  }

  return (
    <section className="forms-logic" aria-labelledby={`logic-${field.id}`}>
      <h3 id={`logic-${field.id}`} className="forms-section-title">
        Logic
      </h3>
      <p className="forms-muted">
        {rules.length === 0
          ? 'Respondents go on to the next field. Add a rule to skip ahead depending on the answer.'
          : 'The first rule that holds decides; otherwise respondents go on to the next field.'}
      </p>
      {rules.map((rule, ruleIndex) => (
        <RuleEditor
          key={rule.id}
          rule={rule}
          number={ruleIndex + 1}
          field={field}
          fields={fields}
          error={errors[rule.id]}
          disabled={disabled}
          onChange={(changed) => onChange(rules.map((old) => (old.id === rule.id ? changed : old)))}
          onRemove={() => onChange(rules.filter((old) => old.id !== rule.id))}
        />
      ))}
      <div>
        <Button size="sm" onClick={addRule} disabled={disabled}>
          Add rule
        </Button>
      </div>
    </section>
  );
}
