import { useTranslation } from 'react-i18next';

// PLACEHOLDER (issue 14): the owner of this page replaces it whole.
export function OrganisationPage({ siteId }: { siteId: string }) {
  const { t } = useTranslation();
  void siteId;

  return (
    <section aria-labelledby="registers-heading">
      <div className="page-header">
        <h1 id="registers-heading">{t('registers.nav.organisation')}</h1>
      </div>
    </section>
  );
}
