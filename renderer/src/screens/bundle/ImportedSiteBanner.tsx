import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { useSettings } from '../../lib/settings-context';
import { useLoad } from '../../lib/use-load';

/** On every page of a site imported from its home installation: read-only, and as of which bundle. */
export function ImportedSiteBanner({ siteId }: { siteId: string }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const [origins] = useLoad(() => api.bundle.origins({}), [siteId]);
  const origin = origins.state === 'ready' ? origins.data.find((o) => o.siteId === siteId) : undefined;
  if (!origin) return null;
  return (
    <div className="alert alert-info imported-banner" role="note" data-testid="imported-banner">
      {t('bundle.origin.banner', { owner: origin.ownerName, date: formatDateTime(origin.lastBundleAt, settings) })}
    </div>
  );
}
