import type { DragHandleProps } from './SortableRow.tsx';

/** The grip to drag an item by; also the keyboard's way in (Space/Enter, arrows, Space/Enter). */
export function DragHandle({
  attachHandle,
  attributes,
  listeners,
  name,
}: DragHandleProps & { name: string }) {
  return (
    <button
      type="button"
      ref={attachHandle}
      className="forms-drag-handle"
      {...attributes}
      {...listeners}
      aria-label={`Move ${name}`}
    >
      <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
        <circle cx="5.5" cy="3.5" r="1.25" />
        <circle cx="10.5" cy="3.5" r="1.25" />
        <circle cx="5.5" cy="8" r="1.25" />
        <circle cx="10.5" cy="8" r="1.25" />
        <circle cx="5.5" cy="12.5" r="1.25" />
        <circle cx="10.5" cy="12.5" r="1.25" />
      </svg>
    </button>
  );
}
