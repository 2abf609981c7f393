import { useCallback, useMemo } from 'react';
import type { CompiledForm, FormDefinition } from '../../contracts/index.ts';
import { FormRenderer } from '../renderer/FormRenderer.tsx';
import type { RenderableForm, SubmitOutcome } from '../renderer/types.ts';

export interface FormPreviewProps {
  draft: FormDefinition;
  compiled: CompiledForm;
  focusFieldId: string | undefined;
}

const PREVIEW_DELAY_MS = 300;

/**
 * The draft as respondents will see it, live: compiled by the same code as the server and rendered by
 * the public page's renderer. Answering works (logic, checks); submitting sends nothing.
 */
export function FormPreview({ draft, compiled, focusFieldId }: FormPreviewProps) {
  const form = useMemo<RenderableForm>(
    () => ({
      title: draft.title || 'Untitled form',
      fields: draft.fields,
      hiddenFields: draft.hiddenFields,
      logic: draft.logic,
      settings: draft.settings,
      jsonSchema: compiled.jsonSchema,
      uiSchema: compiled.uiSchema,
    }),
    [draft, compiled],
  );
  const submit = useCallback(
    () =>
      new Promise<SubmitOutcome>((resolve) =>
        setTimeout(() => resolve({ status: 'submitted' }), PREVIEW_DELAY_MS),
      ),
    [],
  );
  const redirect = draft.settings.redirectUrl;
  return (
    <section className="forms-builder__preview" aria-labelledby="forms-preview-title">
      <div className="forms-preview__bar">
        <h2 id="forms-preview-title" className="forms-section-title">
          Live preview
        </h2>
        <span className="forms-muted">Answers here are not sent.</span>
      </div>
      <div className="forms-preview__frame">
        <FormRenderer
          key={draft.settings.mode}
          form={form}
          idPrefix="preview"
          preview
          onSubmit={submit}
          focusFieldId={focusFieldId}
          afterSubmitNote={
            redirect
              ? `Preview: respondents would now be taken to ${redirect}.`
              : 'Preview: nothing was sent.'
          }
        />
      </div>
    </section>
  );
}
