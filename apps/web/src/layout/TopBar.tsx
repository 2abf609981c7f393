import { useNavigate } from 'react-router-dom';
import { Badge, Button } from '@orchestrator/shared/ui';
import type { Session } from '@orchestrator/shared/api-client';
import { useSession } from '../session/use-session.ts';

const roleLabels: Record<Session['role'], string> = {
  owner: 'Owner',
  admin: 'Admin',
  member: 'Member',
  viewer: 'Viewer',
  ops: 'Ops',
};

/** Which workspace this is, who is signed in and as what, and the way out. */
export function TopBar({ session }: { session: Session }) {
  const { logout } = useSession();
  const navigate = useNavigate();

  function handleLogout() {
    // Navigate first so the sign-in page does not offer to return to the page the user just left.
    navigate('/login', { replace: true });
    logout();
  }

  return (
    <header className="shell-topbar">
      <div className="shell-topbar__workspace">
        <span className="shell-topbar__avatar" aria-hidden="true">
          {session.tenant.name.trim().charAt(0).toUpperCase() || 'W'}
        </span>
        <span>
          <span className="ui-visually-hidden">Workspace: </span>
          <span className="shell-topbar__workspace-name">{session.tenant.name}</span>
        </span>
      </div>
      <div className="shell-topbar__user">
        <span className="shell-topbar__user-name" title={session.user.email}>
          {session.user.name}
        </span>
        <Badge tone="accent">
          <span className="ui-visually-hidden">Role: </span>
          {roleLabels[session.role]}
        </Badge>
        <Button variant="secondary" size="sm" onClick={handleLogout}>
          Log out
        </Button>
      </div>
    </header>
  );
}
