import { useEffect, useId, useRef } from 'react';
import type { MouseEvent, ReactNode } from 'react';
import { Button } from './Button.tsx';

export interface DialogProps {
  open: boolean;
  /** Called for Escape, the close button and a click on the backdrop; the owner sets `open` to false. */
  onClose: () => void;
  title: string;
  children: ReactNode;
  /**
   * Buttons at the bottom, e.g. Cancel and the confirming action. Mark the one that should get focus
   * first with `data-autofocus` (for a destructive action: the safe one).
   */
  footer?: ReactNode;
}

/**
 * A modal built on the native <dialog>: `showModal()` makes the rest of the page inert (the focus trap),
 * puts focus inside, closes on Escape and returns focus to the opener when it closes.
 */
export function Dialog({ open, onClose, title, children, footer }: DialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // React applies autoFocus before the dialog is shown, when nothing in it can take focus yet; so the
      // element that should start with focus is marked with data-autofocus instead (else: the first one).
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  function handleBackdropClick(event: MouseEvent<HTMLDialogElement>) {
    // Clicks on the ::backdrop are reported on the <dialog> itself; clicks on the content hit a child.
    if (event.target === event.currentTarget) onClose();
  }

  return (
    <dialog
      ref={dialogRef}
      className="ui-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Keep React state the source of truth: let the owner decide to close.
        event.preventDefault();
        onClose();
      }}
      onClick={handleBackdropClick}
    >
      {open && (
        <>
          <div className="ui-dialog__header">
            <h2 id={titleId} className="ui-dialog__title">
              {title}
            </h2>
            <Button variant="ghost" size="sm" onClick={onClose} aria-label="Close dialog">
              ✕
            </Button>
          </div>
          <div className="ui-dialog__body">{children}</div>
          {footer && <div className="ui-dialog__footer">{footer}</div>}
        </>
      )}
    </dialog>
  );
}
