import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorShape, SiteDetail } from '../../../electron/api/contract';
import { api } from '../api/client';
import { ClassBadge } from '../components/ClassBadge';
import { ClassificationOutcomeView } from '../components/ClassificationOutcomeView';
import { SiteAdvisoriesCard } from './advisories/AdvisoryGlance';
import { SiteChecklistCard } from './checklist/SiteChecklistCard';
import { SiteDefinitionsCard } from './media/DefinitionsGlance';
import { SiteReviewCard } from './bundle/SiteReviewCard';
import { ErrorMessage } from '../components/ErrorMessage';
import { useReasonSentence } from '../components/ReasonSentence';
import { formatDate, formatDateTime, formatNumber } from '../lib/format';
import { hrefFor } from '../lib/routes';
import { useSettings } from '../lib/settings-context';
import { toErrorShape, useLoad } from '../lib/use-load';
import { useSiteAccess } from '../lib/site-access';

export function SiteDetailScreen({ id }: { id: string }) {
  const [detail, reload] = useLoad(() => api.sites.get({ id }), [id]);
  if (detail.state === 'loading') return <section aria-busy="true" />;
  if (detail.state === 'error') return <ErrorMessage error={detail.error} />;
  return <SiteDetailView detail={detail.data} reload={reload} />;
}

function SiteDetailView({ detail, reload }: { detail: SiteDetail; reload(): void }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const sentence = useReasonSentence();
  const [failure, setFailure] = useState<ErrorShape | null>(null);
  const { readOnly } = useSiteAccess();
  const { site, region, classifications } = detail;
  // The site dashboard (latest round, definitions), asked once for both cards.
  const [board] = useLoad(() => api.dashboard.site({ siteId: site.id }), [site.id]);
  const current = classifications[0];
  const yesNo = (v: boolean) => t(v ? 'app.answer.yes' : 'app.answer.no');
  const unset = t('app.answer.unset');

  async function toggleArchive() {
    try {
      await (site.archivedAt ? api.sites.restore({ id: site.id }) : api.sites.archive({ id: site.id }));
      setFailure(null);
      reload();
    } catch (err) {
      setFailure(toErrorShape(err));
    }
  }

  const facts: [string, string][] = [
    [t('sites.form.fields.address'), site.address || unset],
    [t('sites.form.fields.ownerName'), site.ownerName || unset],
    [t('sites.form.fields.contractorName'), site.contractorName || unset],
    [t('sites.form.fields.receivingVoltageV'), site.receivingVoltageV === null ? unset : t('sites.units.volt', { value: formatNumber(site.receivingVoltageV, settings.language) })],
    [t('sites.form.fields.generationCapacityKw'), site.generationCapacityKw === null ? unset : t('sites.units.kilowatt', { value: formatNumber(site.generationCapacityKw, settings.language) })],
    [t('sites.form.fields.gridConnected'), yesNo(site.gridConnected)],
    [t('sites.form.fields.reversePowerFlow'), yesNo(site.reversePowerFlow)],
    [t('sites.form.fields.hasRemoteMonitoring'), yesNo(site.hasRemoteMonitoring)],
    [t('sites.form.fields.hasControlSystem'), yesNo(site.hasControlSystem)],
    [t('sites.form.fields.installationType'), t(`sites.form.installationTypes.${site.installationType}`)],
  ];
  if (site.installationType === 'existing') {
    facts.push([t('sites.form.fields.lastSystemChangeDate'), site.lastSystemChangeDate ? formatDate(site.lastSystemChangeDate, settings) : unset]);
  }
  facts.push([t('sites.detail.created'), formatDateTime(site.createdAt, settings)]);
  facts.push([t('sites.detail.updated'), formatDateTime(site.updatedAt, settings)]);

  return (
    <section aria-labelledby="site-heading">
      <div className="page-header">
        <h1 id="site-heading">{site.name}</h1>
        {!readOnly && (
        <div className="actions">
          <a className="button" href={hrefFor({ name: 'site', id: site.id, section: 'edit' })}>
            {t('app.actions.edit')}
          </a>
          <button type="button" className="button" onClick={toggleArchive}>
            {t(site.archivedAt ? 'app.actions.restore' : 'app.actions.archive')}
          </button>
        </div>
        )}
      </div>
      {failure && <ErrorMessage error={failure} />}
      {site.archivedAt && <p className="alert alert-info">{t('sites.detail.archivedNotice')}</p>}
      <SiteReviewCard siteId={site.id} />

      <div className="card classification-card" data-testid="current-classification">
        <h2>{t('sites.detail.currentClassification')}</h2>
        {current ? (
          <>
            <ClassificationOutcomeView outcome={current} reasonTestId="classification-reason" />
            {current.transitional && <p className="alert alert-info">{t('classification.transitional')}</p>}
            <p className="muted">{formatDateTime(current.classifiedAt, settings)}</p>
          </>
        ) : (
          <p>{t('sites.detail.notClassified')}</p>
        )}
        {detail.classificationStale && (
          <p className="alert alert-warn" role="status">
            {t('sites.detail.staleWarning')}
          </p>
        )}
        {!readOnly && (
          <a className="button button-primary" href={hrefFor({ name: 'site', id: site.id, section: 'classify' })}>
            {t(current ? 'sites.detail.reclassify' : 'sites.detail.classify')}
          </a>
        )}
      </div>

      {board.state === 'ready' && <SiteChecklistCard siteId={site.id} board={board.data} />}
      {board.state === 'ready' && board.data.definitions && <SiteDefinitionsCard siteId={site.id} definitions={board.data.definitions} readOnly={readOnly} />}
      {board.state === 'ready' && board.data.advisories && <SiteAdvisoriesCard siteId={site.id} glance={board.data.advisories} />}

      <div className="columns">
        <div className="card">
          <h2>{t('sites.detail.facts')}</h2>
          <dl className="facts">
            {facts.map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </div>
        <div className="card">
          <h2>{t('sites.detail.office')}</h2>
          <p>{settings.language === 'ja' ? region.officeJa : region.officeEn}</p>
          <p>{t('sites.detail.phoneLine', { phone: region.phone })}</p>
        </div>
      </div>

      {classifications.length > 0 && (
        <div className="card">
          <h2>{t('sites.detail.history')}</h2>
          <table className="table" data-testid="classification-history">
            <thead>
              <tr>
                <th scope="col">{t('sites.detail.historyColumns.date')}</th>
                <th scope="col">{t('sites.detail.historyColumns.result')}</th>
                <th scope="col">{t('sites.detail.historyColumns.reason')}</th>
                <th scope="col">{t('sites.detail.historyColumns.by')}</th>
              </tr>
            </thead>
            <tbody>
              {classifications.map((c) => (
                <tr key={c.id}>
                  <td>{formatDateTime(c.classifiedAt, settings)}</td>
                  <td>
                    <ClassBadge result={c.result} />
                  </td>
                  <td>{sentence(c)}</td>
                  <td>{c.classifiedBy || unset}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
