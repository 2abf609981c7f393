import { NavLink } from 'react-router-dom';
import { formPath } from '../api/forms-api.ts';

const TABS = [
  { page: 'edit', label: 'Build' },
  { page: 'submissions', label: 'Submissions' },
  { page: 'integrations', label: 'Integrations' },
] as const;

/** The pages of one form; the current one is marked for screen readers with aria-current. */
export function FormTabs({ formId }: { formId: string }) {
  return (
    <nav className="forms-tabs" aria-label="Form pages">
      {TABS.map((tab) => (
        <NavLink
          key={tab.page}
          to={formPath(formId, tab.page)}
          className={({ isActive }) =>
            isActive ? 'forms-tabs__link forms-tabs__link--active' : 'forms-tabs__link'
          }
        >
          {tab.label}
        </NavLink>
      ))}
    </nav>
  );
}
