import type { ReactNode } from 'react';

export interface AuthLayoutProps {
  title: string;
  subtitle: string;
  children: ReactNode;
  /** Below the card: the way to the other auth page. */
  footer: ReactNode;
}

/** The centred frame of the sign-in and sign-up pages. */
export function AuthLayout({ title, subtitle, children, footer }: AuthLayoutProps) {
  return (
    <div className="auth">
      <main className="auth__main">
        <div className="auth__brand">
          <span className="shell-brand__mark" aria-hidden="true" />
          <span className="shell-brand__name">Orchestrator</span>
        </div>
        <div className="auth__card">
          <h1 className="auth__title">{title}</h1>
          <p className="auth__subtitle">{subtitle}</p>
          {children}
        </div>
        <p className="auth__footer">{footer}</p>
      </main>
    </div>
  );
}
