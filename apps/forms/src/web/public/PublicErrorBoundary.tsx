import { Component } from 'react';
import type { ReactNode } from 'react';
import { ErrorState } from '@orchestrator/shared/ui';

interface State {
  error: unknown;
}

/** A form that cannot be shown says so (and offers a reload) instead of leaving the respondent a blank page. */
export class PublicErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override render() {
    if (this.state.error) {
      return (
        <div className="pf-page__problem">
          <ErrorState
            error={{
              title: 'This form could not be shown',
              detail: 'Reloading the page usually helps. Your answers so far are kept in this browser.',
            }}
            onRetry={() => window.location.reload()}
          />
        </div>
      );
    }
    return this.props.children;
  }
}
