import { useTranslation } from 'react-i18next';
import { hrefFor } from '../lib/routes';
import { SITE_SECTIONS } from '../screens/site-sections';

/** The site's sections as tabs; hidden while the site has only one. */
export function SiteTabs({ siteId, current }: { siteId: string; current: string }) {
  const { t } = useTranslation();
  const tabs = SITE_SECTIONS.filter((s) => s.tabLabelKey);
  if (tabs.length < 2) return null;
  return (
    <nav className="site-tabs" aria-label={t('sites.tabs.label')}>
      {tabs.map((s) => (
        <a key={s.key} href={hrefFor({ name: 'site', id: siteId, section: s.key })} aria-current={s.key === current ? 'page' : undefined}>
          {t(s.tabLabelKey!)}
        </a>
      ))}
    </nav>
  );
}
