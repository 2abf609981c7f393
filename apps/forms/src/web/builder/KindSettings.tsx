import { Checkbox, Select, TextField } from '@orchestrator/shared/ui';
import type { Field } from '../../contracts/index.ts';
import { NumberField } from './NumberField.tsx';
import { OptionsEditor } from './OptionsEditor.tsx';
import { TextArea } from './TextArea.tsx';

export interface KindSettingsProps {
  field: Field;
  update: (patch: Record<string, unknown>) => void;
  errors: Readonly<Record<string, string>>;
  disabled: boolean;
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, index) => ({
    value: String(from + index),
    label: String(from + index),
  }));

/** The settings only some kinds have: lengths and bounds, options, scales, files, terms, button labels. */
export function KindSettings({ field, update, errors, disabled }: KindSettingsProps) {
  switch (field.kind) {
    case 'short_text':
    case 'long_text':
      return (
        <div className="forms-settings__pair">
          <NumberField
            label="Minimum length"
            value={field.min}
            min={0}
            onChange={(min) => update({ min })}
            error={errors.min}
            disabled={disabled}
          />
          <NumberField
            label="Maximum length"
            value={field.max}
            min={1}
            onChange={(max) => update({ max })}
            error={errors.max}
            disabled={disabled}
          />
        </div>
      );
    case 'number':
      return (
        <>
          <div className="forms-settings__pair">
            <NumberField
              label="Minimum"
              value={field.min}
              step={0.01}
              onChange={(min) => update({ min })}
              error={errors.min}
              disabled={disabled}
            />
            <NumberField
              label="Maximum"
              value={field.max}
              step={0.01}
              onChange={(max) => update({ max })}
              error={errors.max}
              disabled={disabled}
            />
          </div>
          <Checkbox
            label="Whole numbers only"
            checked={field.integer === true}
            onChange={(event) => update({ integer: event.target.checked || undefined })}
            disabled={disabled}
          />
        </>
      );
    case 'phone':
      return (
        <TextField
          label="Country code to suggest"
          hint="Two letters, e.g. GB or US."
          value={field.defaultCountry ?? ''}
          maxLength={2}
          error={errors.defaultCountry}
          disabled={disabled}
          onChange={(event) => update({ defaultCountry: event.target.value.toUpperCase() || undefined })}
        />
      );
    case 'single_choice':
    case 'multiple_choice':
    case 'dropdown':
      return (
        <>
          <OptionsEditor
            options={field.options}
            onChange={(options) => update({ options })}
            error={errors.options}
            disabled={disabled}
          />
          {field.kind !== 'dropdown' && (
            <>
              <Checkbox
                label="Offer “Other” with a text box"
                checked={field.allowOther === true}
                onChange={(event) => update({ allowOther: event.target.checked || undefined })}
                disabled={disabled}
              />
              <Checkbox
                label="Shuffle the options for each respondent"
                checked={field.randomize === true}
                onChange={(event) => update({ randomize: event.target.checked || undefined })}
                disabled={disabled}
              />
            </>
          )}
          {field.kind === 'multiple_choice' && (
            <div className="forms-settings__pair">
              <NumberField
                label="Fewest choices"
                value={field.min}
                min={0}
                onChange={(min) => update({ min })}
                error={errors.min}
                disabled={disabled}
              />
              <NumberField
                label="Most choices"
                value={field.max}
                min={1}
                onChange={(max) => update({ max })}
                error={errors.max}
                disabled={disabled}
              />
            </div>
          )}
        </>
      );
    case 'date':
      return (
        <Checkbox
          label="Ask for a time too"
          checked={field.includeTime === true}
          onChange={(event) => update({ includeTime: event.target.checked || undefined })}
          disabled={disabled}
        />
      );
    case 'rating':
      return (
        <div className="forms-settings__pair">
          <Select
            label="Steps"
            value={String(field.max ?? 5)}
            options={range(2, 10)}
            onChange={(event) => update({ max: Number(event.target.value) })}
            disabled={disabled}
          />
          <Select
            label="Shape"
            value={field.shape ?? 'star'}
            options={[
              { value: 'star', label: 'Stars' },
              { value: 'heart', label: 'Hearts' },
              { value: 'thumb', label: 'Thumbs' },
            ]}
            onChange={(event) => update({ shape: event.target.value })}
            disabled={disabled}
          />
        </div>
      );
    case 'opinion_scale':
      return (
        <>
          <div className="forms-settings__pair">
            <Select
              label="From"
              value={String(field.min ?? 0)}
              options={range(0, 1)}
              onChange={(event) => update({ min: Number(event.target.value) })}
              disabled={disabled}
            />
            <Select
              label="To"
              value={String(field.max ?? 10)}
              options={range(2, 10)}
              onChange={(event) => update({ max: Number(event.target.value) })}
              disabled={disabled}
            />
          </div>
          <div className="forms-settings__pair">
            <TextField
              label="Label of the low end"
              value={field.minLabel ?? ''}
              maxLength={100}
              onChange={(event) => update({ minLabel: event.target.value || undefined })}
              disabled={disabled}
            />
            <TextField
              label="Label of the high end"
              value={field.maxLabel ?? ''}
              maxLength={100}
              onChange={(event) => update({ maxLabel: event.target.value || undefined })}
              disabled={disabled}
            />
          </div>
        </>
      );
    case 'file_upload':
      return (
        <div className="forms-settings__pair">
          <TextField
            label="Accepted files"
            hint="E.g. image/*,.pdf"
            value={field.accept ?? ''}
            onChange={(event) => update({ accept: event.target.value || undefined })}
            disabled={disabled}
          />
          <NumberField
            label="Largest file (KB)"
            hint="At most 200 KB."
            value={field.maxSizeKb}
            min={1}
            max={200}
            onChange={(maxSizeKb) => update({ maxSizeKb })}
            error={errors.maxSizeKb}
            disabled={disabled}
          />
        </div>
      );
    case 'legal_consent':
      return (
        <TextArea
          label="Terms"
          hint="Shown above the check box; the title is the check box's label."
          rows={5}
          value={field.terms ?? ''}
          maxLength={20_000}
          onChange={(event) => update({ terms: event.target.value || undefined })}
          disabled={disabled}
        />
      );
    case 'statement':
    case 'welcome_screen':
    case 'thank_you_screen':
      return (
        <TextField
          label="Button label"
          hint={
            field.kind === 'thank_you_screen'
              ? 'Optional: a button that starts a new response.'
              : field.kind === 'statement'
                ? 'Shown when one question is asked at a time (default “Continue”).'
                : 'Default “Start”.'
          }
          value={field.buttonLabel ?? ''}
          maxLength={100}
          onChange={(event) => update({ buttonLabel: event.target.value || undefined })}
          disabled={disabled}
        />
      );
    default:
      return null;
  }
}
