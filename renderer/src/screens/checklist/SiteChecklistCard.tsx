import { useTranslation } from 'react-i18next';
import type { SiteDashboard } from '../../../../electron/api/contract';
import { SummaryBar } from '../../components/checklist-badges';
import { formatDate } from '../../lib/format';
import { hrefFor } from '../../lib/routes';
import { useSettings } from '../../lib/settings-context';

/** The site dashboard: its latest round's counts, overdue plans and risks. */
export function SiteChecklistCard({ siteId, board }: { siteId: string; board: SiteDashboard }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const { round, overdue, risks } = board;
  return (
    <div className="card" data-testid="site-dashboard">
      <h2>{t('checklist.dashboard.siteHeading')}</h2>
      {!round ? (
        <p>
          <a href={hrefFor({ name: 'site', id: siteId, section: 'checklist' })}>{t('checklist.dashboard.noRound')}</a>
        </p>
      ) : (
        <>
          <p>
            <a href={hrefFor({ name: 'site', id: siteId, section: 'checklist', rest: [round.id] })}>{round.title}</a>{' '}
            <span className="muted">{t(round.completedAt ? 'checklist.rounds.completed' : 'checklist.rounds.open')}</span>
          </p>
          <SummaryBar summary={round.summary} />
          <p>
            {t('checklist.dashboard.risksLine', { counts: t('checklist.dashboard.riskCounts', risks) })}
          </p>
          {overdue.length > 0 && (
            <>
              <h3>{t('checklist.dashboard.overdueHeading')}</h3>
              <ul>
                {overdue.map((o) => (
                  <li key={o.id}>
                    {t('checklist.dashboard.overdueLine', { id: o.id, title: o.title[settings.language], date: formatDate(o.date, settings) })}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </div>
  );
}
