import { Suspense, lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { LoadingState, NotFoundPage } from '@orchestrator/shared/ui';
import { LoginPage } from './auth/LoginPage.tsx';
import { SignupPage } from './auth/SignupPage.tsx';
import { MailboxRoute } from './dev/MailboxRoute.tsx';
import { WorkspaceLayout } from './layout/WorkspaceLayout.tsx';
import { ModulePages } from './modules/ModulePages.tsx';
import { workspaceModules } from './modules/workspace-modules.ts';

import { RedirectIfSignedIn } from './session/RedirectIfSignedIn.tsx';
import { RequireSession } from './session/RequireSession.tsx';

// Public form pages are for respondents: no sign-in, no workspace frame, only the form renderer's code.
const PublicFormRoute = lazy(() =>
  import('@orchestrator/forms/public').then((entry) => ({ default: entry.PublicFormRoute })),
);

export function App() {
  return (
    <Routes>
      <Route
        path="/f/:slug"
        element={
          <Suspense fallback={<LoadingState label="Loading the form…" />}>
            <PublicFormRoute />
          </Suspense>
        }
      />
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
