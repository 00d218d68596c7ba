import { useTranslation } from 'react-i18next';
import type { AdvisoryGlance } from '../../../../electron/api/contract';
import { TRIAGE_STATUSES } from '../../../../electron/api/contract/choices';
import { hrefFor } from '../../lib/routes';

/** Open, then the decisions in the order the site's tab lists them. */
const STATES = ['open', ...TRIAGE_STATUSES] as const;

const cvss = (n: number) => n.toFixed(1);

/** The all-sites list's cell: how many matches are open, with the highest CVSS among them. */
export function AdvisoryCell({ glance }: { glance: AdvisoryGlance | null | undefined }) {
  const { t } = useTranslation();
  if (!glance) return <td className="muted">{t('checklist.dashboard.none')}</td>;
  const total = STATES.reduce((n, s) => n + glance.counts[s], 0);
  if (total === 0) return <td className="muted" data-testid="advisories-cell">{t('advisories.dashboard.noMatches')}</td>;
  return (
    <td data-testid="advisories-cell" title={STATES.filter((s) => glance.counts[s] > 0).map((s) => t('advisories.dashboard.countPart', { state: t(`advisories.triage.status.${s}`), count: glance.counts[s] })).join(t('advisories.dashboard.separator'))}>
      <span className={glance.open > 0 ? 'bad-text' : undefined}>{t('advisories.dashboard.openCount', { count: glance.open })}</span>
      {glance.highestOpenCvss !== null && <div className="muted">{t('advisories.dashboard.highest', { cvss: cvss(glance.highestOpenCvss) })}</div>}
    </td>
  );
}

/** The site overview's card: matches by state, the highest CVSS still open, and the way to the 脆弱性 tab. */
export function SiteAdvisoriesCard({ siteId, glance }: { siteId: string; glance: AdvisoryGlance }) {
  const { t } = useTranslation();
  const total = STATES.reduce((n, s) => n + glance.counts[s], 0);
  return (
    <div className="card" data-testid="site-advisories">
      <h2>{t('advisories.dashboard.heading')}</h2>
      {total === 0 ? (
        <p className="muted">{t('advisories.dashboard.noMatches')}</p>
      ) : (
        <>
          <p>
            <span className={glance.open > 0 ? 'bad-text' : undefined}>{t('advisories.dashboard.openCount', { count: glance.open })}</span>
            {glance.highestOpenCvss !== null && <> {t('advisories.dashboard.highestSentence', { cvss: cvss(glance.highestOpenCvss) })}</>}
          </p>
          <dl className="facts">
            {STATES.map((s) => (
              <div key={s}>
                <dt>{t(`advisories.triage.status.${s}`)}</dt>
                <dd data-testid={`site-advisories-${s}`}>{glance.counts[s]}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      <p>
        <a href={hrefFor({ name: 'site', id: siteId, section: 'vulnerabilities' })}>{t('advisories.dashboard.open')}</a>
      </p>
    </div>
  );
}
