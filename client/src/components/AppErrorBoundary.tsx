/**
 * Last line of defence: if rendering throws, say so plainly instead of leaving
 * a blank page. (A class, because React offers error boundaries only as classes.)
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

export class AppErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Keep the evidence in the console for whoever investigates; the page shows a calm message.
    // eslint-disable-next-line no-console
    console.error('Tandem crashed while drawing the page', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    return (
      <main className="page">
        <div className="page-message">
          <h1>Something went wrong on this page</h1>
          <p>Anything shown as saved is safe. Reloading the page usually sorts this out.</p>
          <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
            Reload the page
          </button>
        </div>
      </main>
    );
  }
}
