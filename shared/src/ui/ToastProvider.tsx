import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { Button } from './Button.tsx';
import { ToastContext } from './toast-context.ts';
import type { ToastApi, ToastOptions, ToastTone } from './toast-context.ts';

interface Toast {
  id: number;
  message: string;
  tone: ToastTone;
}

const DEFAULT_DURATION_MS = 5000;
const ERROR_DURATION_MS = 10000;

/**
 * Holds the toasts of the app and renders them in one polite live region, which is in the DOM from the
 * start: screen readers only announce changes to a live region they already know about.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    setToasts((current) => current.filter((toast) => toast.id !== id));
    const timer = timers.current.get(id);
    if (timer) clearTimeout(timer);
    timers.current.delete(id);
  }, []);

  const show = useCallback(
    (message: string, options: ToastOptions = {}) => {
      const id = nextId.current++;
      const tone = options.tone ?? 'info';
      setToasts((current) => [...current, { id, message, tone }]);
      const duration = options.durationMs ?? (tone === 'danger' ? ERROR_DURATION_MS : DEFAULT_DURATION_MS);
      timers.current.set(
        id,
        setTimeout(() => dismiss(id), duration),
      );
    },
    [dismiss],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => clearTimeout(timer));
  }, []);

  const api = useMemo<ToastApi>(() => ({ show }), [show]);

  return (
    <ToastContext value={api}>
      {children}
      <section className="ui-toasts-region" aria-label="Notifications">
        <ul className="ui-toasts" aria-live="polite" aria-relevant="additions text">
          {toasts.map((toast) => (
            <li key={toast.id} className={`ui-toast ui-toast--${toast.tone}`}>
              <span className="ui-toast__message">{toast.message}</span>
              <Button
                variant="ghost"
                size="sm"
                onClick={() => dismiss(toast.id)}
                aria-label="Dismiss notification"
              >
                ✕
              </Button>
            </li>
          ))}
        </ul>
      </section>
    </ToastContext>
  );
}
