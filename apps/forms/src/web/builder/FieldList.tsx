import { Badge, classNames } from '@orchestrator/shared/ui';
import type { Field, Logic } from '../../contracts/index.ts';
import { DragHandle } from './DragHandle.tsx';
import { fieldName, kindInfo } from './field-kinds.ts';
import { SortableList } from './SortableList.tsx';

export interface FieldListProps {
  fields: readonly Field[];
  logic: Logic;
  selectedId: string | undefined;
  onSelect: (fieldId: string) => void;
  onMove: (fromIndex: number, toIndex: number) => void;
  /** Field ids with a save error, marked in the list. */
  invalidIds: ReadonlySet<string>;
}

/** The form's fields in order: pick one to configure it, drag (or move from the keyboard) to reorder. */
export function FieldList({ fields, logic, selectedId, onSelect, onMove, invalidIds }: FieldListProps) {
  if (fields.length === 0) {
    return (
      <p className="forms-muted forms-field-list__empty">No fields yet. Add one from the palette above.</p>
    );
  }
  let number = 0;
  const numbers = fields.map((field) =>
    ['welcome_screen', 'thank_you_screen', 'statement'].includes(field.kind) ? undefined : ++number,
  );
  return (
    <SortableList
      items={fields}
      getId={(field) => field.id}
      getName={fieldName}
      onMove={onMove}
      label="Fields, in order"
      className="forms-field-list"
      renderItem={(field, index, handle) => {
        const info = kindInfo(field.kind);
        const rules = logic.filter((rule) => rule.fieldId === field.id).length;
        const selected = field.id === selectedId;
        return (
          <div
            className={classNames(
              'forms-field-item',
              selected && 'forms-field-item--selected',
              handle.isDragging && 'forms-field-item--dragging',
            )}
          >
            <DragHandle {...handle} name={fieldName(field)} />
            <button
              type="button"
              className="forms-field-item__select"
              aria-current={selected || undefined}
              onClick={() => onSelect(field.id)}
            >
              <span className="forms-field-item__glyph" aria-hidden="true">
                {info.glyph}
              </span>
              <span className="forms-field-item__text">
                <span className="forms-field-item__title">
                  {numbers[index] !== undefined && (
                    <span className="forms-field-item__number">{numbers[index]}. </span>
                  )}
                  {fieldName(field)}
                </span>
                <span className="forms-field-item__kind">
                  {info.label}
                  {field.required ? ' · required' : ''}
                </span>
              </span>
              {rules > 0 && <Badge tone="accent">{rules === 1 ? '1 jump' : `${rules} jumps`}</Badge>}
              {invalidIds.has(field.id) && <Badge tone="danger">Fix</Badge>}
            </button>
          </div>
        );
      }}
    />
  );
}
