import { Button, Checkbox, TextField } from '@orchestrator/shared/ui';
import { isScreenKind } from '../../contracts/index.ts';
import type { Field, Logic, LogicRule } from '../../contracts/index.ts';
import { CopyButton } from '../common/CopyButton.tsx';
import { kindInfo } from './field-kinds.ts';
import { KindSettings } from './KindSettings.tsx';
import { LogicEditor } from './LogicEditor.tsx';
import { TextArea } from './TextArea.tsx';

const WITH_PLACEHOLDER = new Set<Field['kind']>([
  'short_text',
  'long_text',
  'number',
  'email',
  'url',
  'phone',
  'dropdown',
]);

export interface FieldSettingsProps {
  field: Field;
  fields: readonly Field[];
  logic: Logic;
  onChange: (field: Field) => void;
  onLogicChange: (rules: LogicRule[]) => void;
  onDuplicate: () => void;
  onRemove: () => void;
  errors: Readonly<Record<string, string>>;
  ruleErrors: Readonly<Record<string, string>>;
  disabled: boolean;
}

/** The side panel of the selected field: what it asks, how it is checked, and where its answers lead. */
export function FieldSettings({
  field,
  fields,
  logic,
  onChange,
  onLogicChange,
  onDuplicate,
  onRemove,
  errors,
  ruleErrors,
  disabled,
}: FieldSettingsProps) {
  const info = kindInfo(field.kind);
  const screen = isScreenKind(field.kind);
  const update = (patch: Record<string, unknown>) => onChange({ ...field, ...patch } as Field);

  return (
    <div className="forms-settings">
      <div className="forms-settings__head">
        <h2 className="forms-settings__title">
          <span aria-hidden="true" className="forms-field-item__glyph">
            {info.glyph}
          </span>
          {info.label}
        </h2>
        <div className="forms-settings__head-actions">
          <Button size="sm" variant="ghost" onClick={onDuplicate} disabled={disabled}>
            Duplicate
          </Button>
          <Button size="sm" variant="ghost" onClick={onRemove} disabled={disabled}>
            Delete<span className="ui-visually-hidden"> this field</span>
          </Button>
        </div>
      </div>
      {errors.field && <p className="ui-field__error">{errors.field}</p>}
      <TextArea
        label={field.kind === 'legal_consent' ? 'Check box label' : screen ? 'Heading' : 'Question'}
        rows={2}
        value={field.title}
        maxLength={1000}
        error={errors.title}
        disabled={disabled}
        onChange={(event) => update({ title: event.target.value })}
      />
      <TextArea
        label="Description"
        hint={screen ? undefined : 'Optional help shown under the question.'}
        rows={2}
        value={field.description ?? ''}
        maxLength={5000}
        error={errors.description}
        disabled={disabled}
        onChange={(event) => update({ description: event.target.value || undefined })}
      />
      {WITH_PLACEHOLDER.has(field.kind) && (
        <TextField
          label="Placeholder"
          value={field.placeholder ?? ''}
          maxLength={500}
          error={errors.placeholder}
          disabled={disabled}
          onChange={(event) => update({ placeholder: event.target.value || undefined })}
        />
      )}
      {!screen && (
        <Checkbox
          label="Required"
          hint="Respondents who reach this question must answer it."
          checked={field.required === true}
          disabled={disabled}
          onChange={(event) => update({ required: event.target.checked || undefined })}
        />
      )}
      <KindSettings field={field} update={update} errors={errors} disabled={disabled} />
      {field.kind !== 'welcome_screen' && field.kind !== 'thank_you_screen' && (
        <LogicEditor
          field={field}
          fields={fields}
          logic={logic}
          onChange={onLogicChange}
          errors={ruleErrors}
          disabled={disabled}
        />
      )}
      <div className="forms-settings__id">
        <span className="forms-muted">
          Field ID <code className="forms-code">{field.id}</code> — the key of its answers in the API,
          webhooks and exports.
        </span>
        <CopyButton text={field.id} what="Field ID" />
      </div>
    </div>
  );
}
