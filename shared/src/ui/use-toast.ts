import { useContext } from 'react';
import { ToastContext } from './toast-context.ts';
import type { ToastApi } from './toast-context.ts';

/** `const toast = useToast(); toast.show('Saved', { tone: 'success' })`. Needs a <ToastProvider> above. */
export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToast() must be used inside <ToastProvider>');
  return api;
}
