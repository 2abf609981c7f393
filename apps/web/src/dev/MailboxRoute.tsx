import { LoadingState, NotFoundPage } from '@orchestrator/shared/ui';
import { useMeta } from '../meta/use-meta.ts';
import { MailboxPage } from './MailboxPage.tsx';

/** The mailbox exists only where the suite keeps e-mail instead of sending it (local mode). */
export function MailboxRoute() {
  const meta = useMeta();
  if (meta.status === 'loading') return <LoadingState />;
  if (meta.status === 'ready' && meta.meta.mailbox) return <MailboxPage />;
  return <NotFoundPage />;
}
