import type { ReactNode } from 'react';

export interface EmptyStateProps {
  title: string;
  description?: ReactNode;
  /** A decorative glyph or small SVG; hidden from assistive technology. */
  icon?: ReactNode;
  /** Only real actions: a button here must do something. */
  actions?: ReactNode;
  /** Heading level that fits the page outline (the page title is the h1). */
  headingLevel?: 2 | 3;
}

export function EmptyState({ title, description, icon, actions, headingLevel = 2 }: EmptyStateProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="ui-state">
      {icon && (
        <div className="ui-state__icon" aria-hidden="true">
          {icon}
        </div>
      )}
      <Heading className="ui-state__title">{title}</Heading>
      {description && <div className="ui-state__description">{description}</div>}
      {actions && <div className="ui-state__actions">{actions}</div>}
    </div>
  );
}
