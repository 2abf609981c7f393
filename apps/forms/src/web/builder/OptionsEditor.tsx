import { useRef } from 'react';
import { Button } from '@orchestrator/shared/ui';
import type { ChoiceOption } from '../../contracts/index.ts';
import { DragHandle } from './DragHandle.tsx';
import { newOptionId } from './field-kinds.ts';
import { SortableList } from './SortableList.tsx';

export interface OptionsEditorProps {
  options: readonly ChoiceOption[];
  onChange: (options: ChoiceOption[]) => void;
  error?: string;
  disabled: boolean;
}

function duplicateLabels(options: readonly ChoiceOption[]): Set<string> {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const option of options) {
    const label = option.label.trim();
    if (seen.has(label)) duplicates.add(label);
    seen.add(label);
  }
  return duplicates;
}

/** The options of a choice field: edit, add (Enter in the last one adds another), remove, reorder. */
export function OptionsEditor({ options, onChange, error, disabled }: OptionsEditorProps) {
  const listRef = useRef<HTMLDivElement>(null);
  const duplicates = duplicateLabels(options);

  function focusOption(index: number) {
    // After React has rendered the new option.
    requestAnimationFrame(() =>
      listRef.current?.querySelectorAll<HTMLInputElement>('.forms-option__input')[index]?.focus(),
    );
  }
  function add(afterIndex = options.length - 1) {
    const next = [...options];
    next.splice(afterIndex + 1, 0, { id: newOptionId(), label: `Option ${options.length + 1}` });
    onChange(next);
    focusOption(afterIndex + 1);
  }

  return (
    <fieldset className="forms-options">
      <legend className="ui-field__label">Options</legend>
      <div ref={listRef}>
        <SortableList
          items={options}
          getId={(option) => option.id}
          getName={(option) => option.label || 'empty option'}
          label="Options"
          className="forms-options__list"
          onMove={(from, to) => {
            const next = [...options];
            const [moved] = next.splice(from, 1);
            next.splice(to, 0, moved!);
            onChange(next);
          }}
          renderItem={(option, index, handle) => {
            const label = option.label.trim();
            const problem = !label
              ? 'Give the option a label'
              : duplicates.has(label)
                ? 'Used twice'
                : undefined;
            return (
              <div className="forms-option">
                <DragHandle {...handle} name={`option ${index + 1}`} />
                <input
                  className="ui-input forms-option__input"
                  aria-label={`Option ${index + 1}`}
                  value={option.label}
                  maxLength={500}
                  disabled={disabled}
                  aria-invalid={problem ? true : undefined}
                  title={problem}
                  onChange={(event) =>
                    onChange(
                      options.map((candidate) =>
                        candidate.id === option.id ? { ...candidate, label: event.target.value } : candidate,
                      ),
                    )
                  }
                  onKeyDown={(event) => {
                    if (event.key === 'Enter') {
                      event.preventDefault();
                      add(index);
                    }
                  }}
                />
                <Button
                  size="sm"
                  variant="ghost"
                  disabled={disabled || options.length <= 1}
                  aria-label={`Remove option ${index + 1}`}
                  onClick={() => onChange(options.filter((candidate) => candidate.id !== option.id))}
                >
                  ✕
                </Button>
              </div>
            );
          }}
        />
      </div>
      {duplicates.size > 0 && (
        <p className="ui-field__error">Each option needs its own label: {[...duplicates].join(', ')}.</p>
      )}
      {error && <p className="ui-field__error">{error}</p>}
      <div>
        <Button size="sm" onClick={() => add()} disabled={disabled}>
          Add option
        </Button>
      </div>
    </fieldset>
  );
}
