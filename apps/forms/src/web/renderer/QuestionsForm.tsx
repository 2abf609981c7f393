import { useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import Form from '@rjsf/core';
import type { ErrorSchema } from '@rjsf/utils';
import { Button } from '@orchestrator/shared/ui';
import type { Answers } from './logic.ts';
import { respondentErrors } from './messages.ts';
import { formTemplates, formWidgets } from './registry.ts';
import type { RenderableForm, RendererContext } from './types.ts';
import { answersValidator } from './validator.ts';
import { visibleSchema } from './visible-schema.ts';

/**
 * No answer is ever filled in for the respondent: @rjsf would otherwise tick a required consent box
 * (its `const: true`), answer a required yes/no with "No", and pad multiple choices.
 */
const NO_DEFAULTS = {
  constAsDefaults: 'never',
  requiredBooleanDefault: 'skip',
  emptyObjectFields: 'skipDefaults',
  arrayMinItems: { populate: 'never' },
} as const;

export interface QuestionsFormProps {
  form: RenderableForm;
  context: RendererContext;
  idPrefix: string;
  /** The fields on screen, in order: the reached ones, or this step's one. */
  shownIds: readonly string[];
  answers: Answers;
  onAnswersChange: (answers: Answers) => void;
  /** The server's messages by field id (422), shown under their fields. */
  serverErrors: Readonly<Record<string, string>>;
  primaryLabel: string;
  /** Called when the fields on screen are valid and the respondent continues (or submits). */
  onContinue: () => void;
  onBack?: () => void;
  busy: boolean;
  honeypot: string;
  onHoneypotChange: (value: string) => void;
  /** Shown above the buttons, e.g. why sending failed. */
  message?: ReactNode;
  /** One question at a time: Enter continues from choices too, Ctrl/⌘+Enter from long texts. */
  stepMode: boolean;
}

/** The questions on screen as an @rjsf form with our widgets, checked when the respondent continues. */
export function QuestionsForm({
  form,
  context,
  idPrefix,
  shownIds,
  answers,
  onAnswersChange,
  serverErrors,
  primaryLabel,
  onContinue,
  onBack,
  busy,
  honeypot,
  onHoneypotChange,
  message,
  stepMode,
}: QuestionsFormProps) {
  const wrapperRef = useRef<HTMLDivElement>(null);
  // Errors show once the respondent tries to continue; from then on they update as answers change.
  const [attempted, setAttempted] = useState(false);
  const { schema, uiSchema } = useMemo(
    () => visibleSchema(form.jsonSchema, form.uiSchema, shownIds),
    [form.jsonSchema, form.uiSchema, shownIds],
  );
  const transformErrors = useMemo(() => respondentErrors(context.fieldsById), [context.fieldsById]);
  const extraErrors = useMemo(() => {
    const shown = Object.entries(serverErrors).filter(([id]) => shownIds.includes(id));
    if (shown.length === 0) return undefined;
    return Object.fromEntries(shown.map(([id, text]) => [id, { __errors: [text] }])) as ErrorSchema;
  }, [serverErrors, shownIds]);

  function submitForm() {
    wrapperRef.current?.querySelector('form')?.requestSubmit();
  }

  function handleKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (!stepMode || event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    const target = event.target as HTMLElement;
    if (target instanceof HTMLTextAreaElement) {
      if (event.ctrlKey || event.metaKey) {
        event.preventDefault();
        submitForm();
      }
      return;
    }
    if (target instanceof HTMLInputElement && ['radio', 'checkbox'].includes(target.type)) {
      event.preventDefault();
      submitForm();
    }
  }

  return (
    <div ref={wrapperRef} className="pf-form" onKeyDown={handleKeyDown}>
      <Form
        schema={schema}
        uiSchema={uiSchema}
        validator={answersValidator}
        formData={answers}
        formContext={context}
        widgets={formWidgets}
        templates={formTemplates}
        idPrefix={idPrefix}
        experimental_defaultFormStateBehavior={NO_DEFAULTS}
        extraErrors={extraErrors}
        transformErrors={transformErrors}
        showErrorList={false}
        noHtml5Validate
        focusOnFirstError
        liveValidate={attempted ? 'onChange' : false}
        disabled={busy}
        onChange={(event) => onAnswersChange((event.formData ?? {}) as Answers)}
        onError={() => setAttempted(true)}
        onSubmit={() => {
          setAttempted(true);
          onContinue();
        }}
      >
        <div className="pf-honeypot" aria-hidden="true">
          {/* A trap for bots, which fill in every field; people never see it. */}
          <label>
            Leave this field empty
            <input
              type="text"
              name="website"
              tabIndex={-1}
              autoComplete="off"
              value={honeypot}
              onChange={(event) => onHoneypotChange(event.target.value)}
            />
          </label>
        </div>
        {message}
        <div className="pf-actions">
          <Button type="submit" variant="primary" loading={busy} className="pf-actions__primary">
            {primaryLabel}
          </Button>
          {onBack && (
            <Button variant="ghost" onClick={onBack} disabled={busy}>
              Back
            </Button>
          )}
          {stepMode && !busy && (
            <span className="pf-actions__hint" aria-hidden="true">
              press <kbd>Enter ↵</kbd>
            </span>
          )}
        </div>
      </Form>
    </div>
  );
}
