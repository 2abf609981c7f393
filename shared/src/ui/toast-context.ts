import { createContext } from 'react';

export type ToastTone = 'info' | 'success' | 'danger';

export interface ToastOptions {
  tone?: ToastTone;
  /** Milliseconds before it goes away on its own; errors stay longer by default. */
  durationMs?: number;
}

export interface ToastApi {
  show: (message: string, options?: ToastOptions) => void;
}

export const ToastContext = createContext<ToastApi | null>(null);
