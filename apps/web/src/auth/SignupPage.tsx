import { Link, useNavigate } from 'react-router-dom';
import { Alert, Button, TextField, useDocumentTitle } from '@orchestrator/shared/ui';
import { useSession } from '../session/use-session.ts';
import { AuthLayout } from './AuthLayout.tsx';
import { useAuthForm } from './use-auth-form.ts';

const FIELDS = ['name', 'email', 'password', 'workspace'] as const;

export function SignupPage() {
  useDocumentTitle('Create a workspace');
  const { signup } = useSession();
  const navigate = useNavigate();
  const form = useAuthForm(
    FIELDS,
    async (values) => {
      await signup(values);
      navigate('/', { replace: true });
    },
    // 409 is the one conflict of sign-up: the e-mail address already has an account.
    (problem) => (problem.status === 409 ? 'email' : null),
  );

  return (
    <AuthLayout
      title="Create your workspace"
      subtitle="One workspace for your team's customers, deals, tickets, bookings, forms and posts."
      footer={
        <>
          Already have an account? <Link to="/login">Log in</Link>
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
          label="Your name"
          name="name"
          autoComplete="name"
          autoFocus
          ref={form.inputRef('name')}
          value={form.values.name}
          onChange={(event) => form.setValue('name', event.target.value)}
          error={form.fieldErrors.name}
        />
        <TextField
          label="Work e-mail"
          name="email"
          type="email"
          autoComplete="email"
          ref={form.inputRef('email')}
          value={form.values.email}
          onChange={(event) => form.setValue('email', event.target.value)}
          error={form.fieldErrors.email}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint="At least 8 characters."
          ref={form.inputRef('password')}
          value={form.values.password}
          onChange={(event) => form.setValue('password', event.target.value)}
          error={form.fieldErrors.password}
        />
        <TextField
          label="Workspace name"
          name="workspace"
          autoComplete="organization"
          hint="Usually your company or team."
          ref={form.inputRef('workspace')}
          value={form.values.workspace}
          onChange={(event) => form.setValue('workspace', event.target.value)}
          error={form.fieldErrors.workspace}
        />
        <Button type="submit" variant="primary" block loading={form.submitting}>
          Create workspace
        </Button>
      </form>
    </AuthLayout>
  );
}
