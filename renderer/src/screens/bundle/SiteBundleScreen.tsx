import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useLoad } from '../../lib/use-load';
import './bundle.css';
import { BundleHistory } from './BundleHistory';
import { ExportPanel } from './ExportPanel';
import { ReviewNotes } from './ReviewNotes';

/**
 * `#/sites/<id>/bundle`: the site's bundle for removable media. At the
 * site's home it carries the site's records; on a copy imported here (head
 * office) it carries head office's review notes back.
 */
export function SiteBundleScreen({ siteId }: { siteId: string }) {
  const { t } = useTranslation();
  const [origins] = useLoad(() => api.bundle.origins({}), [siteId]);
  const [history, reloadHistory] = useLoad(() => api.bundle.history({ siteId }), [siteId]);
  const imported = origins.state === 'ready' && origins.data.some((o) => o.siteId === siteId);
  return (
    <section aria-labelledby="site-bundle-heading" aria-busy={origins.state === 'loading'}>
      <div className="page-header">
        <h1 id="site-bundle-heading">{t('bundle.site.heading')}</h1>
      </div>
      {origins.state === 'ready' && <ExportPanel siteId={siteId} review={imported} onDone={reloadHistory} />}
      {origins.state === 'ready' && <ReviewNotes siteId={siteId} canWrite={imported} />}
      <section className="card" aria-labelledby="site-bundle-history">
        <h2 id="site-bundle-history">{t('bundle.history.heading')}</h2>
        {history.state === 'error' && <ErrorMessage error={history.error} />}
        {history.state === 'ready' && <BundleHistory records={history.data} showSite={false} />}
      </section>
    </section>
  );
}
