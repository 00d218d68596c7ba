import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { hrefFor } from '../../lib/routes';
import { useSettings } from '../../lib/settings-context';
import { useSiteAccess } from '../../lib/site-access';

/** On every page of a site imported from its home installation: read-only, as of which bundle, and where review notes are written. */
export function ImportedSiteBanner() {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const { origin } = useSiteAccess();
  if (!origin) return null;
  return (
    <div className="alert alert-info imported-banner" role="note" data-testid="imported-banner">
      {t('bundle.origin.banner', { owner: origin.ownerName, date: formatDateTime(origin.lastBundleAt, settings) })}{' '}
      <a href={hrefFor({ name: 'site', id: origin.siteId, section: 'bundle' })}>{t('bundle.origin.bannerLink')}</a>
    </div>
  );
}
