import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import type { DragEndEvent } from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from '@dnd-kit/sortable';
import type { ReactNode } from 'react';
import { SortableRow } from './SortableRow.tsx';
import type { DragHandleProps } from './SortableRow.tsx';

export interface SortableListProps<Item> {
  items: readonly Item[];
  getId: (item: Item) => string;
  /** What the item is called when it is announced ("Moved E-mail to position 2 of 5"). */
  getName: (item: Item) => string;
  onMove: (fromIndex: number, toIndex: number) => void;
  renderItem: (item: Item, index: number, handle: DragHandleProps) => ReactNode;
  /** Names the list for assistive technology. */
  label: string;
  className?: string;
}

/**
 * A list reordered by dragging a handle, or from the keyboard: focus the handle, Space or Enter picks the
 * item up, arrow keys move it, Space or Enter drops it, Escape puts it back. Each step is announced.
 */
export function SortableList<Item>({
  items,
  getId,
  getName,
  onMove,
  renderItem,
  label,
  className,
}: SortableListProps<Item>) {
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const ids = items.map(getId);
  const nameOf = (id: string | number) => {
    const item = items[ids.indexOf(String(id))];
    return item === undefined ? 'the item' : `“${getName(item)}”`;
  };
  const position = (id: string | number) => `position ${ids.indexOf(String(id)) + 1} of ${ids.length}`;

  function handleDragEnd({ active, over }: DragEndEvent) {
    if (!over || active.id === over.id) return;
    const from = ids.indexOf(String(active.id));
    const to = ids.indexOf(String(over.id));
    if (from !== -1 && to !== -1) onMove(from, to);
  }

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={handleDragEnd}
      accessibility={{
        screenReaderInstructions: {
          draggable:
            'To move this item, press Space or Enter, then use the arrow keys. Press Space or Enter again to drop it, or Escape to cancel.',
        },
        announcements: {
          onDragStart: ({ active }) => `Picked up ${nameOf(active.id)} at ${position(active.id)}.`,
          onDragOver: ({ active, over }) =>
            over
              ? `${nameOf(active.id)} is over ${position(over.id)}.`
              : `${nameOf(active.id)} is not over the list.`,
          onDragEnd: ({ active, over }) =>
            over ? `Dropped ${nameOf(active.id)} at ${position(over.id)}.` : `Dropped ${nameOf(active.id)}.`,
          onDragCancel: ({ active }) => `Moving ${nameOf(active.id)} was cancelled; it is back in place.`,
        },
      }}
    >
      <SortableContext items={ids} strategy={verticalListSortingStrategy}>
        <ol className={className} aria-label={label}>
          {items.map((item, index) => (
            <SortableRow key={ids[index]} id={ids[index]!}>
              {(handle) => renderItem(item, index, handle)}
            </SortableRow>
          ))}
        </ol>
      </SortableContext>
    </DndContext>
  );
}
