import { useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  PageHeader,
  useDebouncedAutosave,
  useDocumentTitle,
  useToast,
} from '@orchestrator/shared/ui';
import type { Form, FormDefinition, PublishResponse } from '../../contracts/index.ts';
import { compileForm } from '../../domain/compile-form.ts';
import { definitionOf, fetchForm, publishForm, saveForm, unpublishForm } from '../api/forms-api.ts';
import { ConfirmDialog } from '@orchestrator/shared/ui';
import { FormStatusBadge } from '../common/FormStatusBadge.tsx';
import { FormTabs } from '../common/FormTabs.tsx';
import { countDraftErrors, draftErrorsOf } from './draft-errors.ts';
import * as edit from './draft-operations.ts';
import { FieldList } from './FieldList.tsx';
import { FieldPalette } from './FieldPalette.tsx';
import { FieldSettings } from './FieldSettings.tsx';
import { FormPreview } from './FormPreview.tsx';
import { FormSettingsPanel } from './FormSettingsPanel.tsx';
import { HiddenFieldsEditor } from './HiddenFieldsEditor.tsx';
import { PanelSwitch } from './PanelSwitch.tsx';
import type { BuilderPanel } from './PanelSwitch.tsx';
import { PublishDialog } from './PublishDialog.tsx';
import { SaveIndicator } from './SaveIndicator.tsx';

export interface FormBuilderProps {
  initial: Form;
  canEdit: boolean;
}

/**
 * The builder: fields on the left (palette, drag-and-drop order), the selected field's settings (or the
 * form's) in the middle, and the live preview on the right, rendered by the public page's renderer.
 * The draft saves itself; Publish freezes it as the next version.
 */
export function FormBuilder({ initial, canEdit }: FormBuilderProps) {
  const toast = useToast();
  const [draft, setDraft] = useState<FormDefinition>(() => definitionOf(initial));
  const [meta, setMeta] = useState<Form>(initial);
  const [selectedId, setSelectedId] = useState(initial.fields[0]?.id);
  const [panel, setPanel] = useState<BuilderPanel>(initial.fields.length > 0 ? 'field' : 'form');
  // The palette starts open on an empty form; afterwards it is opened when wanted, to keep the list in view.
  const [paletteOpen, setPaletteOpen] = useState(initial.fields.length === 0);
  const [publishing, setPublishing] = useState(false);
  const [published, setPublished] = useState<PublishResponse>();
  const [confirmUnpublish, setConfirmUnpublish] = useState(false);
  const [unpublishing, setUnpublishing] = useState(false);
  useDocumentTitle(`${draft.title || 'Untitled form'} · Forms`);

  const autosave = useDebouncedAutosave(draft, {
    save: (sending) => saveForm(initial.id, sending),
    enabled: canEdit && draft.title.trim() !== '',
    delayMs: 700,
    onSaved: setMeta,
  });
  const errors = useMemo(() => draftErrorsOf(autosave.failure), [autosave.failure]);
  const invalidIds = useMemo(() => {
    const ids = new Set(Object.keys(errors.fields));
    for (const rule of draft.logic) if (errors.rules[rule.id]) ids.add(rule.fieldId);
    return ids;
  }, [errors, draft.logic]);
  const compiled = useMemo(() => compileForm(draft), [draft]);
  const selected = draft.fields.find((field) => field.id === selectedId);
  const disabled = !canEdit;

  function select(fieldId: string | undefined) {
    setSelectedId(fieldId);
    setPanel('field');
  }

  async function publish() {
    setPublishing(true);
    try {
      if (!draft.title.trim()) {
        setPanel('form');
        toast.show('Give the form a title first (Form settings).', { tone: 'danger' });
        return;
      }
      if (!(await autosave.flush())) {
        toast.show('Fix what is marked in the builder first: the draft is not saved.', { tone: 'danger' });
        return;
      }
      const result = await publishForm(initial.id);
      setPublished(result);
      setMeta(await fetchForm(initial.id));
    } catch (error) {
      toast.show(`Not published: ${error instanceof Error ? error.message : 'try again'}`, {
        tone: 'danger',
      });
    } finally {
      setPublishing(false);
    }
  }

  async function unpublish() {
    setUnpublishing(true);
    try {
      setMeta(await unpublishForm(initial.id));
      setConfirmUnpublish(false);
      toast.show('The form is offline; its link says it is closed.', { tone: 'success' });
    } catch (error) {
      toast.show(`Still online: ${error instanceof Error ? error.message : 'try again'}`, { tone: 'danger' });
    } finally {
      setUnpublishing(false);
    }
  }

  const live = meta.status !== 'draft';
  let sidePanel;
  if (panel === 'form') {
    sidePanel = (
      <FormSettingsPanel
        draft={draft}
        onTitleChange={(title) => setDraft((current) => ({ ...current, title }))}
        onChange={(settings) => setDraft((current) => ({ ...current, settings }))}
        errors={errors.settings}
        titleError={errors.title}
        disabled={disabled}
      />
    );
  } else if (panel === 'hidden') {
    sidePanel = (
      <HiddenFieldsEditor
        hiddenFields={draft.hiddenFields}
        onChange={(hiddenFields) => setDraft((current) => ({ ...current, hiddenFields }))}
        publicUrl={meta.url}
        errors={errors.hiddenFields}
        disabled={disabled}
      />
    );
  } else if (selected) {
    sidePanel = (
      <FieldSettings
        key={selected.id}
        field={selected}
        fields={draft.fields}
        logic={draft.logic}
        errors={errors.fields[selected.id] ?? {}}
        ruleErrors={errors.rules}
        disabled={disabled}
        onChange={(field) => setDraft((current) => edit.replaceField(current, field))}
        onLogicChange={(rules) => setDraft((current) => edit.setFieldRules(current, selected.id, rules))}
        onDuplicate={() => {
          const result = edit.duplicateField(draft, selected.id);
          setDraft(result.draft);
          select(result.fieldId);
        }}
        onRemove={() => {
          const result = edit.removeField(draft, selected.id);
          setDraft(result.draft);
          select(result.nextSelection);
        }}
      />
    );
  } else {
    sidePanel = (
      <p className="forms-muted">Choose a field on the left to set it up, or add one with “Add field”.</p>
    );
  }

  return (
    <>
      <PageHeader
        title={draft.title || 'Untitled form'}
        description={
          <span className="forms-builder__status">
            <FormStatusBadge
              form={{
                ...meta,
                hasUnpublishedChanges: meta.hasUnpublishedChanges || autosave.status !== 'saved',
              }}
            />
            <SaveIndicator
              status={autosave.status}
              problems={countDraftErrors(errors)}
              onRetry={() => void autosave.flush()}
              readOnly={!canEdit}
            />
          </span>
        }
        actions={
          <>
            {live && (
              <a className="ui-button ui-button--secondary" href={meta.url} target="_blank" rel="noreferrer">
                Open public form
              </a>
            )}
            {canEdit && live && <Button onClick={() => setConfirmUnpublish(true)}>Unpublish</Button>}
            {canEdit && (
              <Button variant="primary" onClick={() => void publish()} loading={publishing}>
                {live ? 'Publish changes' : 'Publish'}
              </Button>
            )}
          </>
        }
      />
      <FormTabs formId={initial.id} />
      {!canEdit && (
        <Alert tone="info">You can look at this form; only members and admins can change it.</Alert>
      )}
      {errors.other.length > 0 && (
        <Alert tone="danger" title="The draft could not be saved">
          {errors.other.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </Alert>
      )}
      <div className="forms-builder">
        <div className="forms-builder__fields">
          <Card
            title="Fields"
            actions={
              canEdit && (
                <Button
                  size="sm"
                  variant={paletteOpen ? 'secondary' : 'primary'}
                  aria-expanded={paletteOpen}
                  aria-controls="forms-palette"
                  onClick={() => setPaletteOpen((open) => !open)}
                >
                  {paletteOpen ? 'Close palette' : '+ Add field'}
                </Button>
              )
            }
          >
            {paletteOpen && canEdit && (
              <div id="forms-palette" className="forms-builder__palette">
                <FieldPalette
                  disabled={disabled}
                  onAdd={(kind) => {
                    const result = edit.addField(draft, kind, selectedId);
                    setDraft(result.draft);
                    select(result.fieldId);
                  }}
                />
              </div>
            )}
            <FieldList
              fields={draft.fields}
              logic={draft.logic}
              selectedId={panel === 'field' ? selectedId : undefined}
              onSelect={select}
              onMove={(from, to) => setDraft((current) => edit.moveField(current, from, to))}
              invalidIds={invalidIds}
            />
          </Card>
        </div>
        <section className="forms-builder__panel" aria-label="Settings">
          <PanelSwitch panel={panel} onChange={setPanel} counts={{ hidden: draft.hiddenFields.length }} />
          {sidePanel}
        </section>
        <FormPreview
          draft={draft}
          compiled={compiled}
          focusFieldId={panel === 'field' ? selectedId : undefined}
        />
      </div>
      <PublishDialog published={published} title={draft.title} onClose={() => setPublished(undefined)} />
      <ConfirmDialog
        open={confirmUnpublish}
        title="Unpublish this form?"
        confirmLabel="Unpublish"
        busy={unpublishing}
        onConfirm={() => void unpublish()}
        onCancel={() => setConfirmUnpublish(false)}
      >
        <p>
          The public link and every embed stop taking responses and say the form is closed. Responses so far
          are kept. Publishing again reopens it.
        </p>
      </ConfirmDialog>
    </>
  );
}
