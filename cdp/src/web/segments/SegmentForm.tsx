import { useCallback, useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { formErrorsFromProblem, isApiProblem, useApiResource } from '@orchestrator/shared/api-client';
import { Alert, Button, Card, TextField } from '@orchestrator/shared/ui';
import type { Segment } from '../../contracts/index.ts';
import { RuleBuilder } from './RuleBuilder.tsx';
import { draftFromRule, emptyGroup, toRule, type DraftGroup } from './rule-draft.ts';
import { SegmentPreviewPanel } from './SegmentPreviewPanel.tsx';
import { createSegment, fetchVocabulary, updateSegment } from './segments-api.ts';

export interface SegmentFormProps {
  /** Undefined for a new segment. */
  segment: Segment | undefined;
  canEdit: boolean;
  onSaved: (segment: Segment, created: boolean) => void;
}

const NO_SUGGESTIONS = { traits: [], events: [] };

/** Name, description and the rule of a segment, with the live count beside it. */
export function SegmentForm({ segment, canEdit, onSaved }: SegmentFormProps) {
  const [name, setName] = useState(segment?.name ?? '');
  const [description, setDescription] = useState(segment?.description ?? '');
  const [root, setRoot] = useState<DraftGroup>(() => (segment ? draftFromRule(segment.rule) : emptyGroup()));
  const [attempted, setAttempted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [nameError, setNameError] = useState<string>();
  const [formErrors, setFormErrors] = useState<string[]>([]);

  const loadVocabulary = useCallback((signal: AbortSignal) => fetchVocabulary(signal), []);
  const vocabulary = useApiResource(loadVocabulary).data ?? NO_SUGGESTIONS;
  const draft = useMemo(() => toRule(root), [root]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setAttempted(true);
    const trimmed = name.trim();
    setNameError(trimmed ? undefined : 'Give the segment a name');
    if (!trimmed || !draft.rule) return;
    setSaving(true);
    setFormErrors([]);
    try {
      const input = { name: trimmed, description: description.trim() || null, rule: draft.rule };
      const saved = segment ? await updateSegment(segment.id, input) : await createSegment(input);
      onSaved(saved, segment === undefined);
    } catch (error) {
      if (isApiProblem(error)) {
        const { byField, other } = formErrorsFromProblem(error, ['name', 'description'] as const);
        setNameError(byField.name ?? byField.description);
        setFormErrors(other.length || byField.name ? other : [error.detail ?? error.title]);
      } else {
        setFormErrors(['The segment could not be saved. Try again.']);
      }
    } finally {
      setSaving(false);
    }
  }

  const problems = attempted || segment ? draft.problems : withoutUntouched(draft.problems, root);
  return (
    <form className="seg-editor" onSubmit={save} noValidate aria-label="Segment">
      <div className="seg-editor__main">
        <Card title="Segment">
          {formErrors.length > 0 && (
            <Alert tone="danger" title="The segment was not saved">
              <ul>
                {formErrors.map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            </Alert>
          )}
          <div className="seg-editor__fields">
            <TextField
              label="Name"
              value={name}
              maxLength={200}
              required
              disabled={!canEdit}
              error={nameError}
              onChange={(event) => setName(event.target.value)}
            />
            <TextField
              label="Description"
              hint="Optional: what the segment is for."
              value={description}
              maxLength={2000}
              disabled={!canEdit}
              onChange={(event) => setDescription(event.target.value)}
            />
          </div>
        </Card>
        <Card title="Rule">
          <RuleBuilder
            root={root}
            problems={problems}
            vocabulary={vocabulary}
            disabled={!canEdit}
            onChange={setRoot}
          />
        </Card>
        {canEdit && (
          <div className="seg-editor__save">
            <Button variant="primary" type="submit" loading={saving}>
              {segment ? 'Save changes' : 'Create segment'}
            </Button>
            {attempted && draft.problems.size > 0 && (
              <p className="ui-field__error" role="alert">
                Complete the marked conditions first.
              </p>
            )}
          </div>
        )}
      </div>
      <div className="seg-editor__side">
        <SegmentPreviewPanel rule={draft.rule} />
      </div>
    </form>
  );
}

/** Before the first save attempt, a brand-new empty condition is not yet an error worth shouting about. */
function withoutUntouched(problems: ReadonlyMap<string, string>, root: DraftGroup): Map<string, string> {
  const untouched = new Set<string>();
  const visit = (node: DraftGroup['children'][number]) => {
    if (node.kind === 'group') node.children.forEach(visit);
    else if (node.kind === 'trait' ? node.trait === '' && node.value === '' : node.event === '')
      untouched.add(node.id);
  };
  root.children.forEach(visit);
  return new Map([...problems].filter(([id]) => !untouched.has(id)));
}
