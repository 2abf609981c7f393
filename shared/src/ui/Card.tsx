import { useId } from 'react';
import type { ReactNode } from 'react';

export interface CardProps {
  /** When given, the card is a labelled region with this heading. */
  title?: string;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}

export function Card({ title, actions, children, className }: CardProps) {
  const titleId = useId();
  return (
    <section
      className={className ? `ui-card ${className}` : 'ui-card'}
      aria-labelledby={title ? titleId : undefined}
    >
      {(title || actions) && (
        <header className="ui-card__header">
          {title && (
            <h2 id={titleId} className="ui-card__title">
              {title}
            </h2>
          )}
          {actions}
        </header>
      )}
      <div className="ui-card__body">{children}</div>
    </section>
  );
}
