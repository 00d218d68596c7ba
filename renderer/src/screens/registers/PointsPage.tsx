import { useTranslation } from 'react-i18next';

// PLACEHOLDER (issue 14): the owner of this page replaces it whole.
export function PointsPage({ siteId, rest }: { siteId: string; rest: string[] }) {
  const { t } = useTranslation();
  void siteId;
  void rest;
  return (
    <section aria-labelledby="registers-heading">
      <div className="page-header">
        <h1 id="registers-heading">{t('registers.nav.points')}</h1>
      </div>
    </section>
  );
}
