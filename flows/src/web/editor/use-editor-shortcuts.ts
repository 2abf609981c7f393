import { useEffect, useRef } from 'react';

export interface EditorShortcuts {
  undo: () => void;
  redo: () => void;
  copy: () => void;
  paste: () => void;
  deleteSelection: () => void;
}

/** Typing in a field, a dialog or the config form keeps the keys for itself. */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest('dialog, .flows-panel')) return true;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Ctrl/⌘+Z undo, Ctrl/⌘+Shift+Z or Ctrl+Y redo, Ctrl/⌘+C and V copy and paste selected steps,
 * Delete/Backspace remove them; anywhere on the page except where text is being typed.
 */
export function useEditorShortcuts(shortcuts: EditorShortcuts, enabled: boolean) {
  const current = useRef(shortcuts);
  current.current = shortcuts;
  useEffect(() => {
    if (!enabled) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || isTypingTarget(event.target)) return;
      // Text selected on the page (a problem, a version) is copied as text, not as steps.
      if (event.key.toLowerCase() === 'c' && window.getSelection()?.toString()) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const action =
        mod && key === 'z' && event.shiftKey
          ? current.current.redo
          : mod && key === 'z'
            ? current.current.undo
            : mod && key === 'y'
              ? current.current.redo
              : mod && key === 'c'
                ? current.current.copy
                : mod && key === 'v'
                  ? current.current.paste
                  : !mod && (key === 'delete' || key === 'backspace')
                    ? current.current.deleteSelection
                    : undefined;
      if (!action) return;
      event.preventDefault();
      action();
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
