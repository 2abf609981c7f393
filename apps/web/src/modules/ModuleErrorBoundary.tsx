import { Component } from 'react';
import type { ReactNode } from 'react';
import { ErrorState } from '@orchestrator/shared/ui';

interface Props {
  moduleLabel: string;
  children: ReactNode;
}

interface State {
  error: unknown;
}

/**
 * Keeps one broken module from blanking the whole suite: a failed chunk download (e.g. the app was
 * redeployed while open) or a render error shows an error state inside the page, with the nav still usable.
 */
export class ModuleErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override render() {
    if (this.state.error) {
      return (
        <ErrorState
          error={{
            title: `${this.props.moduleLabel} could not be opened`,
            detail: 'Part of the app failed to load. Reloading the page usually fixes this.',
          }}
          onRetry={() => window.location.reload()}
        />
      );
    }
    return this.props.children;
  }
}
