import { useEffect } from 'react';
import { Outlet } from 'react-router-dom';
import { useSession } from '../session/use-session.ts';
import { SideNav } from './SideNav.tsx';
import { TopBar } from './TopBar.tsx';

/** The frame of every signed-in page: navigation on the left, workspace bar on top, the page below. */
export function WorkspaceLayout() {
  const { session, refresh } = useSession();

  useEffect(() => {
    // The stored session may be stale (role changed, workspace renamed, token expired): ask once per
    // visit. A 401 ends the session through the API client; other failures keep the stored copy.
    const controller = new AbortController();
    refresh(controller.signal).catch(() => undefined);
    return () => controller.abort();
  }, [refresh]);

  if (!session) return null;
  return (
    <div className="shell">
      <a className="shell-skip-link" href="#main">
        Skip to content
      </a>
      <SideNav />
      <div className="shell-body">
        <TopBar session={session} />
        <main id="main" className="shell-main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
