import { Navigate, Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '@orchestrator/shared/ui';
import { LoginPage } from './auth/LoginPage.tsx';
import { SignupPage } from './auth/SignupPage.tsx';
import { MailboxRoute } from './dev/MailboxRoute.tsx';
import { WorkspaceLayout } from './layout/WorkspaceLayout.tsx';
import { ModulePages } from './modules/ModulePages.tsx';
import { workspaceModules } from './modules/workspace-modules.ts';

import { RedirectIfSignedIn } from './session/RedirectIfSignedIn.tsx';
import { RequireSession } from './session/RequireSession.tsx';

export function App() {
  return (
    <Routes>
      <Route
        path="/login"
        element={
          <RedirectIfSignedIn>
            <LoginPage />
          </RedirectIfSignedIn>
        }
      />
      <Route
        path="/signup"
        element={
          <RedirectIfSignedIn>
            <SignupPage />
          </RedirectIfSignedIn>
        }
      />
      <Route
        element={
          <RequireSession>
            <WorkspaceLayout />
          </RequireSession>
        }
      >
        <Route index element={<Navigate to="/customers" replace />} />
        {workspaceModules.map((module) => (
          <Route key={module.path} path={`${module.path}/*`} element={<ModulePages module={module} />} />
        ))}
        <Route path="mailbox" element={<MailboxRoute />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
