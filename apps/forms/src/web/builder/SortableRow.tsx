import { useSortable } from '@dnd-kit/sortable';
import type { DraggableAttributes, DraggableSyntheticListeners } from '@dnd-kit/core';
import type { ReactNode } from 'react';

/** Spread on the drag handle button: dnd-kit's role, keyboard and pointer listeners. */
export interface DragHandleProps {
  attributes: DraggableAttributes;
  listeners: DraggableSyntheticListeners;
  /** Attach to the handle element (dnd-kit's activator node). */
  attachHandle: (element: HTMLElement | null) => void;
  isDragging: boolean;
}

/** One list item that can be dragged by its handle (rendered by `children`). */
export function SortableRow({
  id,
  children,
}: {
  id: string;
  children: (handle: DragHandleProps) => ReactNode;
}) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } =
    useSortable({
      id,
    });
  return (
    <li
      ref={setNodeRef}
      className={isDragging ? 'forms-sortable forms-sortable--dragging' : 'forms-sortable'}
      style={{
        transform: transform ? `translate3d(${transform.x}px, ${transform.y}px, 0)` : undefined,
        transition,
      }}
    >
      {children({ attributes, listeners, attachHandle: setActivatorNodeRef, isDragging })}
    </li>
  );
}
