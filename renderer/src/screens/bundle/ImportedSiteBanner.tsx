import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { useSettings } from '../../lib/settings-context';
import { useSiteAccess } from '../../lib/site-access';

/** On every page of a site imported from its home installation: read-only, and as of which bundle. */
export function ImportedSiteBanner() {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const { origin } = useSiteAccess();
  if (!origin) return null;
  return (
    <div className="alert alert-info imported-banner" role="note" data-testid="imported-banner">
      {t('bundle.origin.banner', { owner: origin.ownerName, date: formatDateTime(origin.lastBundleAt, settings) })}
    </div>
  );
}
