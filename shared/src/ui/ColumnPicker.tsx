import { useEffect, useId, useRef, useState } from 'react';
import { Button } from './Button.tsx';
import { Checkbox } from './Checkbox.tsx';

export interface ColumnPickerProps {
  columns: readonly { id: string; label: string }[];
  isVisible: (columnId: string) => boolean;
  onToggle: (columnId: string, visible: boolean) => void;
}

/** A "Columns" button that opens a panel of checkboxes; Escape or a click outside closes it. */
export function ColumnPicker({ columns, isVisible, onToggle }: ColumnPickerProps) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    function onPointerDown(event: PointerEvent) {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    }
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    }
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  return (
    <div className="ui-column-picker" ref={rootRef}>
      <Button
        ref={buttonRef}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((current) => !current)}
      >
        Columns
      </Button>
      {open && (
        <fieldset id={panelId} className="ui-column-picker__panel">
          <legend className="ui-column-picker__legend">Show columns</legend>
          {columns.map((column) => (
            <Checkbox
              key={column.id}
              label={column.label}
              checked={isVisible(column.id)}
              onChange={(event) => onToggle(column.id, event.target.checked)}
            />
          ))}
        </fieldset>
      )}
    </div>
  );
}
