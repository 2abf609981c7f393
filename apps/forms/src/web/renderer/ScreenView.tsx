import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { Button } from '@orchestrator/shared/ui';

export interface ScreenViewProps {
  title: string;
  description?: string;
  /** The screen's one button, e.g. "Start". */
  action?: { label: string; onClick: () => void };
  tone?: 'default' | 'success' | 'problem';
  /** Move focus to the heading when shown (not in the builder's preview). */
  takeFocus: boolean;
  children?: ReactNode;
}

/** A screen without questions: welcome, thank-you, or why the form cannot be filled in. */
export function ScreenView({
  title,
  description,
  action,
  tone = 'default',
  takeFocus,
  children,
}: ScreenViewProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (takeFocus) headingRef.current?.focus();
  }, [takeFocus]);
  return (
    <section className={`pf-screen pf-screen--${tone}`} aria-live={tone === 'default' ? undefined : 'polite'}>
      {tone === 'success' && (
        <div className="pf-screen__icon" aria-hidden="true">
          ✓
        </div>
      )}
      <h2 ref={headingRef} className="pf-screen__title" tabIndex={-1}>
        {title}
      </h2>
      {description && <p className="pf-screen__description">{description}</p>}
      {children}
      {action && (
        <div className="pf-actions">
          <Button variant="primary" onClick={action.onClick} className="pf-actions__primary">
            {action.label}
          </Button>
        </div>
      )}
    </section>
  );
}
