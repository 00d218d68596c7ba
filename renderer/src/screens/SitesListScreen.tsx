import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OverviewRow } from '../../../electron/api/contract';
import { api } from '../api/client';
import { ClassBadge } from '../components/ClassBadge';
import { ErrorMessage } from '../components/ErrorMessage';
import { formatDate } from '../lib/format';
import { useRegions } from '../lib/regions';
import { hrefFor } from '../lib/routes';
import { useSettings } from '../lib/settings-context';
import { useLoad } from '../lib/use-load';
import { AdvisoryCell } from './advisories/AdvisoryGlance';
import { DefinitionsCell } from './media/DefinitionsGlance';

export function SitesListScreen() {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const regionName = useRegions();
  const [includeArchived, setIncludeArchived] = useState(false);
  const [sites] = useLoad(() => api.sites.list({ includeArchived }), [includeArchived]);
  // Across sites: each one's latest round, for the office's overview.
  const [board] = useLoad(() => api.dashboard.overview({}), []);
  const rounds = new Map(board.state === 'ready' ? board.data.map((r) => [r.siteId, r]) : []);
  // Copies imported from their home installation: read-only here, as of their last bundle.
  const [originList] = useLoad(() => api.bundle.origins({}), []);
  const origins = new Map(originList.state === 'ready' ? originList.data.map((o) => [o.siteId, o]) : []);

  return (
    <section aria-labelledby="sites-heading" aria-busy={sites.state === 'loading'}>
      <div className="page-header">
        <h1 id="sites-heading">{t('sites.list.heading')}</h1>
        <a className="button button-primary" href={hrefFor({ name: 'site-new' })}>
          {t('sites.list.new')}
        </a>
      </div>
      <div className="toolbar">
        <label className="inline-check">
          <input type="checkbox" checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)} />
          {t('sites.list.showArchived')}
        </label>
      </div>
      {sites.state === 'error' && <ErrorMessage error={sites.error} />}
      {sites.state === 'ready' && sites.data.length === 0 && <p className="empty">{t('sites.list.empty')}</p>}
      {sites.state === 'ready' && sites.data.length > 0 && (
        <table className="table sites-table" data-testid="sites-table">
          <thead>
            <tr>
              <th scope="col">{t('sites.list.columns.name')}</th>
              <th scope="col">{t('sites.list.columns.region')}</th>
              <th scope="col">{t('sites.list.columns.classification')}</th>
              <th scope="col">{t('checklist.dashboard.columns.progress')}</th>
              <th scope="col">{t('checklist.dashboard.columns.kankoku')}</th>
              <th scope="col">{t('checklist.dashboard.columns.nonconforming')}</th>
              <th scope="col">{t('checklist.dashboard.columns.unconsidered')}</th>
              <th scope="col">{t('checklist.dashboard.columns.overdue')}</th>
              <th scope="col">{t('sites.definitions.column')}</th>
              <th scope="col">{t('advisories.dashboard.column')}</th>
              <th scope="col">{t('sites.list.columns.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {sites.data.map((site) => (
              <tr key={site.id} className={site.archivedAt ? 'row-archived' : undefined}>
                <td>
                  <a href={hrefFor({ name: 'site', id: site.id })}>{site.name}</a>
                  {site.archivedAt && <span className="tag">{t('sites.list.archivedBadge')}</span>}
                  {origins.has(site.id) && (
                    <>
                      <span className="tag" data-testid="imported-badge">
                        {t('bundle.origin.badge')}
                      </span>
                      <div className="muted" title={origins.get(site.id)!.ownerName}>
                        {t('bundle.origin.lastBundle', { date: formatDate(origins.get(site.id)!.lastBundleAt, settings) })}
                      </div>
                    </>
                  )}
                </td>
                <td>{regionName(site.region)}</td>
                <td>
                  <ClassBadge result={site.classification?.result ?? null} />
                </td>
                <OverviewCells row={rounds.get(site.id)} />
                <DefinitionsCell definitions={rounds.get(site.id)?.definitions} />
                <AdvisoryCell glance={rounds.get(site.id)?.advisories} />
                <td>{formatDate(site.updatedAt, settings)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function OverviewCells({ row }: { row: OverviewRow | undefined }) {
  const { t } = useTranslation();
  const summary = row?.summary;
  if (!summary) {
    return (
      <td colSpan={5} className="muted">
        {t('checklist.dashboard.noRound')}
      </td>
    );
  }
  return (
    <>
      <td>{t('checklist.summary.progress', { considered: summary.considered, total: summary.total })}</td>
      <td>{summary.kankoku.total > 0 ? t('checklist.dashboard.ratio', { a: summary.kankoku.compliant, b: summary.kankoku.total }) : t('checklist.dashboard.none')}</td>
      <td className={row.nonconforming ? 'bad-text' : undefined} data-testid="nonconforming-count">
        {row.nonconforming}
      </td>
      <td className={summary.unconsidered > 0 ? 'warn-text' : undefined}>{summary.unconsidered}</td>
      <td className={summary.overdue > 0 ? 'bad-text' : undefined}>{summary.overdue}</td>
    </>
  );
}
