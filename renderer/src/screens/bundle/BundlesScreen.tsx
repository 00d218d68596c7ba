import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { hrefFor } from '../../lib/routes';
import { useLoad } from '../../lib/use-load';
import './bundle.css';
import { BundleHistory } from './BundleHistory';
import { KeysPanel } from './KeysPanel';
import { ReceivePanel } from './ReceivePanel';
import { TrustPanel } from './TrustPanel';

const PAGES = [
  { page: '', labelKey: 'bundle.nav.receive' },
  { page: 'trust', labelKey: 'bundle.nav.trust' },
  { page: 'keys', labelKey: 'bundle.nav.keys' },
] as const;

/** `#/bundles/<page>`: head office's side of bundles (receive, verify, import), and this installation's key and trust store. */
export function BundlesScreen({ page }: { page: string }) {
  const { t } = useTranslation();
  const [history, reloadHistory] = useLoad(() => api.bundle.history({}), []);
  return (
    <section aria-labelledby="bundles-heading">
      <div className="page-header">
        <h1 id="bundles-heading">{t('bundle.heading')}</h1>
      </div>
      <nav className="bundle-nav" aria-label={t('bundle.nav.label')}>
        {PAGES.map((p) => (
          <a key={p.page} href={hrefFor({ name: 'bundles', page: p.page })} aria-current={page === p.page ? 'page' : undefined}>
            {t(p.labelKey)}
          </a>
        ))}
      </nav>
      {page === 'trust' && <TrustPanel />}
      {page === 'keys' && <KeysPanel />}
      {page === '' && (
        <>
          <ReceivePanel onImported={reloadHistory} />
          <section className="card" aria-labelledby="bundles-history">
            <h2 id="bundles-history">{t('bundle.history.heading')}</h2>
            {history.state === 'error' && <ErrorMessage error={history.error} />}
            {history.state === 'ready' && <BundleHistory records={history.data} showSite />}
          </section>
        </>
      )}
    </section>
  );
}
