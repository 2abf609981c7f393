import { lazy } from 'react';
import type { ComponentType, LazyExoticComponent } from 'react';
import type { IconName } from '@orchestrator/shared/ui';

export interface WorkspaceModule {
  /** Mount point under the workspace, without slashes; the module routes everything below it. */
  path: string;
  label: string;
  icon: IconName;
  /** The module's own pages, loaded from its package only when first opened. */
  Pages: LazyExoticComponent<ComponentType>;
}

/** Every business module of the suite, in the order of the navigation. */
export const workspaceModules: readonly WorkspaceModule[] = [
  {
    path: 'customers',
    label: 'Customers',
    icon: 'customers',
    Pages: lazy(() => import('@orchestrator/cdp/web')),
  },
  { path: 'crm', label: 'CRM', icon: 'crm', Pages: lazy(() => import('@orchestrator/crm/web')) },
  {
    path: 'helpdesk',
    label: 'Help desk',
    icon: 'helpdesk',
    Pages: lazy(() => import('@orchestrator/helpdesk/web')),
  },
  {
    path: 'scheduling',
    label: 'Scheduling',
    icon: 'scheduling',
    Pages: lazy(() => import('@orchestrator/scheduling/web')),
  },
  { path: 'forms', label: 'Forms', icon: 'forms', Pages: lazy(() => import('@orchestrator/forms/web')) },
  { path: 'social', label: 'Social', icon: 'social', Pages: lazy(() => import('@orchestrator/social/web')) },
  {
    path: 'automations',
    label: 'Automations',
    icon: 'automations',
    Pages: lazy(() => import('@orchestrator/flows/web')),
  },
  { path: 'ops', label: 'Ops', icon: 'ops', Pages: lazy(() => import('@orchestrator/devops/web')) },
];
