import { Button, useToast } from '@orchestrator/shared/ui';

/** Copies `text` to the clipboard and says so; `what` names it for the toast and the screen reader. */
export function CopyButton({ text, what, label = 'Copy' }: { text: string; what: string; label?: string }) {
  const toast = useToast();
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      toast.show(`${what} copied`, { tone: 'success' });
    } catch {
      // The clipboard API needs a secure context (https or localhost) and permission.
      toast.show(`Could not copy the ${what.toLowerCase()}; select it and copy it yourself`, {
        tone: 'danger',
      });
    }
  }
  return (
    <Button size="sm" onClick={() => void copy()} aria-label={`Copy ${what.toLowerCase()}`}>
      {label}
    </Button>
  );
}
