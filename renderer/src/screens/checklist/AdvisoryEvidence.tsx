import '../advisories/advisories.css';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { hrefFor } from '../../lib/routes';
import { useLoad } from '../../lib/use-load';
import { TriageBadge } from '../advisories/triage-labels';

/** 8-4-1 collecting vulnerability information, 8-4-2 the response procedure, 8-4-3 patches and residual risk. */
export const ADVISORY_ITEMS: ReadonlySet<string> = new Set(['8-4-1', '8-4-2', '8-4-3']);

/**
 * The site's advisory matches as evidence on the 8-4 items: counts by triage
 * state and a link to the vulnerability tab. Matches still needing work are
 * said plainly, so the item cannot look clean while they stand.
 */
export function AdvisoryEvidence({ siteId }: { siteId: string }) {
  const { t } = useTranslation();
  const [overview] = useLoad(() => api.advisories.triage({ siteId }), [siteId]);
  if (overview.state === 'loading') return <div className="advisory-evidence" aria-busy="true" />;
  if (overview.state === 'error') return <ErrorMessage error={overview.error} />;
  const o = overview.data;
  const total = o.matches.length;
  const states = (['open', 'affected', 'in_progress', 'risk_accepted', 'resolved', 'not_affected', 'closed'] as const).filter((k) => o.counts[k] > 0);
  return (
    <div className="advisory-evidence" data-testid="advisory-evidence">
      <h3>{t('advisories.triage.checklist.title')}</h3>
      {total === 0 && o.counts.closed === 0 ? (
        <p className="muted">{t('advisories.triage.checklist.noMatches')}</p>
      ) : (
        <>
          <p>{t('advisories.triage.checklist.summary', { total, unsettled: o.unsettled, closed: o.counts.closed })}</p>
          <p className="advisory-evidence-states">
            {states.map((k) => (
              <span key={k}>
                <TriageBadge state={k} /> {o.counts[k]}{' '}
              </span>
            ))}
          </p>
        </>
      )}
      {o.unsettled > 0 && (
        <p className="alert alert-warn" role="status" data-testid="advisory-unsettled">
          {t('advisories.triage.checklist.unsettledWarning', { count: o.unsettled })}
        </p>
      )}
      <a href={hrefFor({ name: 'site', id: siteId, section: 'vulnerabilities' })}>{t('advisories.triage.checklist.link')}</a>
    </div>
  );
}
