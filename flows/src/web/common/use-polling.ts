import { useEffect } from 'react';

/** Calls `reload` every `intervalMs` while `active` and the tab is visible (runs move on their own). */
export function usePolling(reload: () => void, intervalMs: number, active: boolean) {
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') reload();
    }, intervalMs);
    return () => clearInterval(timer);
  }, [reload, intervalMs, active]);
}
