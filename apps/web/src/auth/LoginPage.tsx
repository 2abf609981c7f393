import { Link, useLocation, useNavigate } from 'react-router-dom';
import { Alert, Button, TextField, useDocumentTitle } from '@orchestrator/shared/ui';
import { returnToPath } from '../session/return-to.ts';
import { useSession } from '../session/use-session.ts';
import { AuthLayout } from './AuthLayout.tsx';
import { useAuthForm } from './use-auth-form.ts';

const FIELDS = ['email', 'password'] as const;

export function LoginPage() {
  useDocumentTitle('Log in');
  const { login } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const form = useAuthForm(FIELDS, async (values) => {
    await login(values);
    navigate(returnToPath(location.state), { replace: true });
  });

  return (
    <AuthLayout
      title="Log in"
      subtitle="Welcome back. Log in to your workspace."
      footer={
        <>
          New to Orchestrator? <Link to="/signup">Create a workspace</Link>
        </>
      }
    >
      <form className="auth__form" onSubmit={form.handleSubmit} noValidate>
        {form.formError && (
          <Alert tone="danger" title={form.formError.title}>
            {form.formError.detail}
          </Alert>
        )}
        <TextField
          label="E-mail"
          name="email"
          type="email"
          autoComplete="email"
          autoFocus
          ref={form.inputRef('email')}
          value={form.values.email}
          onChange={(event) => form.setValue('email', event.target.value)}
          error={form.fieldErrors.email}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          ref={form.inputRef('password')}
          value={form.values.password}
          onChange={(event) => form.setValue('password', event.target.value)}
          error={form.fieldErrors.password}
        />
        <Button type="submit" variant="primary" block loading={form.submitting}>
          Log in
        </Button>
      </form>
    </AuthLayout>
  );
}
