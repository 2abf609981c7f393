import type { ReactNode } from 'react';

export interface AlertProps {
  tone?: 'danger' | 'info';
  title?: string;
  children?: ReactNode;
  /** Form errors interrupt (role=alert); neutral notes do not. */
  live?: boolean;
}

/** An inline message inside a page or form, e.g. "Wrong e-mail or password". */
export function Alert({ tone = 'info', title, children, live = tone === 'danger' }: AlertProps) {
  return (
    <div className={`ui-alert ui-alert--${tone}`} role={live ? 'alert' : undefined}>
      {title && <p className="ui-alert__title">{title}</p>}
      {children}
    </div>
  );
}
