import { Checkbox, Select, TextField } from '@orchestrator/shared/ui';
import type { FormDefinition, FormSettings, FormTheme } from '../../contracts/index.ts';
import { contrastRatio } from '../renderer/theme.ts';
import { ColorField } from './ColorField.tsx';
import { EmailListField } from './EmailListField.tsx';
import { fromLocalInput, toLocalInput } from './datetime-local.ts';
import { NumberField } from './NumberField.tsx';
import { TextArea } from './TextArea.tsx';

const FONTS = [
  { value: '', label: 'The suite’s font (Inter, system)' },
  { value: "Georgia, 'Times New Roman', serif", label: 'Serif (Georgia)' },
  { value: "'Trebuchet MS', 'Segoe UI', sans-serif", label: 'Humanist (Trebuchet)' },
  { value: "ui-monospace, 'SF Mono', Menlo, monospace", label: 'Monospace' },
];

export interface FormSettingsPanelProps {
  draft: FormDefinition;
  onTitleChange: (title: string) => void;
  onChange: (settings: FormSettings) => void;
  errors: Readonly<Record<string, string>>;
  titleError?: string;
  disabled: boolean;
}

/** The form as a whole: title, layout, theme, when it closes, where respondents go after, who is told. */
export function FormSettingsPanel({
  draft,
  onTitleChange,
  onChange,
  errors,
  titleError,
  disabled,
}: FormSettingsPanelProps) {
  const { settings } = draft;
  const { theme } = settings;
  const set = (patch: Partial<FormSettings>) => onChange({ ...settings, ...patch });
  const setTheme = (patch: Partial<FormTheme>) => set({ theme: { ...theme, ...patch } });
  const textContrast = contrastRatio(theme.textColor, theme.backgroundColor);
  const buttonContrast = contrastRatio(theme.buttonTextColor, theme.primaryColor);

  return (
    <div className="forms-settings">
      <TextField
        label="Form title"
        value={draft.title}
        maxLength={500}
        error={
          titleError ??
          (draft.title.trim() ? undefined : 'A form needs a title; it is not saved without one.')
        }
        disabled={disabled}
        onChange={(event) => onTitleChange(event.target.value)}
      />
      <fieldset className="forms-fieldset">
        <legend className="forms-section-title">Layout</legend>
        <Checkbox
          label="One question at a time"
          hint="Like a conversation: Next and Back, Enter to continue. Off: all questions on one page."
          checked={settings.mode === 'one_at_a_time'}
          disabled={disabled}
          onChange={(event) => set({ mode: event.target.checked ? 'one_at_a_time' : 'all' })}
        />
      </fieldset>
      <fieldset className="forms-fieldset">
        <legend className="forms-section-title">Theme</legend>
        <div className="forms-settings__pair">
          <ColorField
            label="Buttons and highlights"
            value={theme.primaryColor}
            onChange={(primaryColor) => setTheme({ primaryColor })}
            disabled={disabled}
          />
          <ColorField
            label="Button text"
            value={theme.buttonTextColor}
            onChange={(buttonTextColor) => setTheme({ buttonTextColor })}
            disabled={disabled}
          />
          <ColorField
            label="Background"
            value={theme.backgroundColor}
            onChange={(backgroundColor) => setTheme({ backgroundColor })}
            disabled={disabled}
          />
          <ColorField
            label="Text"
            value={theme.textColor}
            onChange={(textColor) => setTheme({ textColor })}
            disabled={disabled}
          />
        </div>
        {(textContrast < 4.5 || buttonContrast < 4.5) && (
          <p className="forms-warning" role="status">
            {textContrast < 4.5
              ? `Text on the background has a contrast of ${textContrast.toFixed(1)}:1`
              : `Button text has a contrast of ${buttonContrast.toFixed(1)}:1`}
            ; at least 4.5:1 keeps the form readable for everyone.
          </p>
        )}
        <TextField
          label="Logo URL"
          type="url"
          placeholder="https://…/logo.png"
          value={theme.logoUrl ?? ''}
          error={errors['theme.logoUrl']}
          disabled={disabled}
          onChange={(event) => setTheme({ logoUrl: event.target.value.trim() || null })}
        />
        <Select
          label="Font"
          value={theme.fontFamily ?? ''}
          options={
            FONTS.some((font) => font.value === (theme.fontFamily ?? ''))
              ? FONTS
              : [...FONTS, { value: theme.fontFamily ?? '', label: theme.fontFamily ?? '' }]
          }
          disabled={disabled}
          onChange={(event) => setTheme({ fontFamily: event.target.value || null })}
        />
      </fieldset>
      <fieldset className="forms-fieldset">
        <legend className="forms-section-title">Responses</legend>
        <TextField
          label="Close on"
          type="datetime-local"
          hint={`Your time zone (${Intl.DateTimeFormat().resolvedOptions().timeZone}). Empty: stays open.`}
          value={toLocalInput(settings.closeAt)}
          error={errors.closeAt}
          disabled={disabled}
          onChange={(event) => set({ closeAt: fromLocalInput(event.target.value) })}
        />
        <NumberField
          label="Stop after this many responses"
          hint="Spam is not counted. Empty: no limit."
          value={settings.responseQuota ?? undefined}
          min={1}
          error={errors.responseQuota}
          disabled={disabled}
          onChange={(responseQuota) => set({ responseQuota: responseQuota ?? null })}
        />
        <TextArea
          label="Message when closed"
          rows={2}
          placeholder="This form closed and no longer accepts responses."
          value={settings.closedMessage ?? ''}
          maxLength={1000}
          disabled={disabled}
          onChange={(event) => set({ closedMessage: event.target.value || null })}
        />
        <TextField
          label="After submitting, go to"
          type="url"
          placeholder="https://…"
          hint="Empty: respondents see the thank-you screen."
          value={settings.redirectUrl ?? ''}
          error={errors.redirectUrl}
          disabled={disabled}
          onChange={(event) => set({ redirectUrl: event.target.value.trim() || null })}
        />
        <NumberField
          label="File responses faster than this as spam (seconds)"
          hint="Bots fill forms in a second or two. Empty: no check."
          value={settings.timeToFillSeconds ?? undefined}
          min={1}
          max={3600}
          error={errors.timeToFillSeconds}
          disabled={disabled}
          onChange={(timeToFillSeconds) => set({ timeToFillSeconds: timeToFillSeconds ?? null })}
        />
      </fieldset>
      <fieldset className="forms-fieldset">
        <legend className="forms-section-title">Notifications</legend>
        <EmailListField
          label="E-mail each new response to"
          hint="One address per line. Spam is not sent. Applies once published."
          emails={settings.notifyEmails}
          error={errors.notifyEmails}
          disabled={disabled}
          onChange={(notifyEmails) => set({ notifyEmails })}
        />
      </fieldset>
    </div>
  );
}
