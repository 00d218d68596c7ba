import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** While a screen's chunk is fetched (lib/lazy-screen.ts): a line, not a blank page. */
export function ScreenLoading() {
  const { t } = useTranslation();
  return (
    <section aria-busy="true">
      <p className="muted">
        {t('app.screenLoading')}
      </p>
    </section>
  );
}

function ScreenLoadFailed() {
  const { t } = useTranslation();
  return (
    <div className="alert alert-error" role="alert">
      {t('app.screenLoadFailed')}
    </div>
  );
}

/**
 * A screen whose chunk could not be fetched (the host stopped, the build was
 * replaced under a running app) says so instead of unmounting the whole app.
 * Moving to another screen (`resetKey` changes) tries again.
 */
export class ScreenBoundary extends Component<{ resetKey: string; children: ReactNode }, { failedAt: string | null }> {
  override state: { failedAt: string | null } = { failedAt: null };

  static getDerivedStateFromError(): Partial<{ failedAt: string | null }> {
    return { failedAt: '' };
  }

  override componentDidCatch(): void {
    this.setState({ failedAt: this.props.resetKey });
  }

  override componentDidUpdate(previous: { resetKey: string }): void {
    if (this.state.failedAt !== null && previous.resetKey !== this.props.resetKey) this.setState({ failedAt: null });
  }

  override render(): ReactNode {
    return this.state.failedAt === null ? this.props.children : <ScreenLoadFailed />;
  }
}
