import { NavLink } from 'react-router-dom';
import { Badge, Icon } from '@orchestrator/shared/ui';
import { useMeta } from '../meta/use-meta.ts';
import { workspaceModules } from '../modules/workspace-modules.ts';

function navClassName({ isActive }: { isActive: boolean }): string {
  return isActive ? 'shell-nav__link shell-nav__link--active' : 'shell-nav__link';
}

/** The suite's main navigation; NavLink marks the current module with aria-current="page". */
export function SideNav() {
  const meta = useMeta();
  const showMailbox = meta.status === 'ready' && meta.meta.mailbox;
  return (
    <aside className="shell-sidebar">
      <div className="shell-brand">
        <span className="shell-brand__mark" aria-hidden="true" />
        <span className="shell-brand__name">Orchestrator</span>
        {meta.status === 'ready' && meta.meta.mode === 'local' && <Badge tone="neutral">Local</Badge>}
      </div>
      <nav className="shell-nav" aria-label="Modules">
        <ul className="shell-nav__list">
          {workspaceModules.map((module) => (
            <li key={module.path}>
              <NavLink to={`/${module.path}`} className={navClassName}>
                <Icon name={module.icon} />
                {module.label}
              </NavLink>
            </li>
          ))}
        </ul>
        {showMailbox && (
          <>
            <p className="shell-nav__section" id="shell-nav-dev">
              Development
            </p>
            <ul className="shell-nav__list" aria-labelledby="shell-nav-dev">
              <li>
                <NavLink to="/mailbox" className={navClassName}>
                  <Icon name="mailbox" />
                  Mailbox
                </NavLink>
              </li>
            </ul>
          </>
        )}
      </nav>
    </aside>
  );
}
