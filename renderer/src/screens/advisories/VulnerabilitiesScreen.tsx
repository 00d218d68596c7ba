import './advisories.css';
import { Fragment, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TRIAGE_FILTERS, type TriagedMatch, type TriageFilter, type TriageOverview } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { ErrorMessage, Notice } from '../../components/ErrorMessage';
import { formatDate, formatDateTime } from '../../lib/format';
import { useSettings } from '../../lib/settings-context';
import { useSiteAccess } from '../../lib/site-access';
import { useLoad } from '../../lib/use-load';
import { TriageForm } from './TriageForm';
import { CvssScore, TriageBadge } from './triage-labels';

type Filter = 'all' | 'unsettled' | TriageFilter;
const FILTERS: readonly Filter[] = ['all', 'unsettled', ...TRIAGE_FILTERS];
const UNSETTLED: readonly TriageFilter[] = ['open', 'affected', 'in_progress'];

function key(m: TriagedMatch): string {
  return `${m.deviceId}|${m.publisherNamespace}|${m.advisoryId}`;
}

/** `#/sites/<id>/vulnerabilities`: the site's advisory matches (8-4-1), each with its decision (8-4-2, 8-4-3). */
export function VulnerabilitiesScreen({ siteId }: { siteId: string }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>('all');
  const [overview, reload] = useLoad(() => api.advisories.triage({ siteId }), [siteId]);
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const { readOnly } = useSiteAccess();

  return (
    <section aria-labelledby="vulnerabilities-heading" aria-busy={overview.state === 'loading'} data-testid="vulnerabilities">
      <div className="page-header">
        <h1 id="vulnerabilities-heading">{t('advisories.triage.title')}</h1>
      </div>
      <p className="muted">{t('advisories.triage.intro')}</p>
      {overview.state === 'error' && <ErrorMessage error={overview.error} />}
      {saved && <Notice message={{ key: 'advisories.triage.form.saved' }} />}
      {overview.state === 'ready' && (
        <>
          <Counts overview={overview.data} />
          <div className="triage-filters" role="group" aria-label={t('advisories.triage.filter.label')}>
            {FILTERS.map((f) => (
              <button key={f} type="button" className={`chip${filter === f ? ' chip-on' : ''}`} aria-pressed={filter === f} onClick={() => setFilter(f)}>
                {t(f === 'all' || f === 'unsettled' ? `advisories.triage.filter.${f}` : `advisories.triage.status.${f}`)}
              </button>
            ))}
          </div>
          {filter !== 'closed' && (
            <MatchTable
              matches={overview.data.matches.filter((m) => filter === 'all' || (filter === 'unsettled' ? UNSETTLED.includes(m.triage) || m.overdue === true : m.triage === filter))}
              editing={editing}
              readOnly={readOnly}
              onEdit={(k) => {
                setSaved(false);
                setEditing(k);
              }}
              form={(m) => (
                <TriageForm
                  siteId={siteId}
                  match={m}
                  openRoundId={overview.data.openRoundId}
                  onClose={() => setEditing(null)}
                  onDone={() => {
                    setEditing(null);
                    setSaved(true);
                    reload();
                  }}
                />
              )}
            />
          )}
          {(filter === 'all' || filter === 'closed') && <Closed overview={overview.data} />}
        </>
      )}
    </section>
  );
}

function Counts({ overview }: { overview: TriageOverview }) {
  const { t } = useTranslation();
  const shown = (['open', 'affected', 'in_progress', 'risk_accepted', 'resolved', 'not_affected', 'closed'] as const);
  return (
    <div className="triage-summary">
      <dl className="triage-counts" data-testid="triage-counts">
        {shown.map((k) => (
          <div key={k} className={`count-${k}`}>
            <dt>{t(`advisories.triage.status.${k}`)}</dt>
            <dd>{overview.counts[k]}</dd>
          </div>
        ))}
      </dl>
      <p className={overview.unsettled > 0 ? 'alert alert-warn' : 'muted'} data-testid="triage-unsettled">
        {t('advisories.triage.counts.unsettled', { count: overview.unsettled })}
        {overview.highestOpenCvss !== null && <>{t('advisories.triage.separator')}{t('advisories.triage.counts.highestCvss', { score: overview.highestOpenCvss.toFixed(1) })}</>}
      </p>
    </div>
  );
}

function Reopened({ m }: { m: TriagedMatch }) {
  const { t } = useTranslation();
  if (!m.reopened) return null;
  const none = t('advisories.triage.reopened.none');
  const r = m.reopened;
  return (
    <ul className="triage-reopened" data-testid="triage-reopened">
      {r.advisoryRevised && <li>{t('advisories.triage.reopened.advisoryRevised', r.advisoryRevised)}</li>}
      {r.versionChanged && <li>{t('advisories.triage.reopened.versionChanged', { from: r.versionChanged.from || none, to: r.versionChanged.to || none })}</li>}
      {r.stillAffected && <li>{t('advisories.triage.reopened.stillAffected', r.stillAffected)}</li>}
    </ul>
  );
}

function MatchTable({ matches, editing, readOnly, onEdit, form }: {
  matches: TriagedMatch[];
  editing: string | null;
  readOnly: boolean;
  onEdit(key: string): void;
  form(m: TriagedMatch): ReactNode;
}) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  if (matches.length === 0) return <p className="empty">{t('advisories.triage.counts.none')}</p>;
  const columns = ['device', 'advisory', 'cvss', 'versions', 'remediations', 'triage'] as const;
  return (
    <table className="table triage-table" data-testid="triage-table">
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">
              {t(`advisories.triage.columns.${c}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {matches.map((m) => {
          const k = key(m);
          return (
            <Fragment key={k}>
              <tr data-testid="triage-row" data-asset={m.assetId} data-advisory={m.advisoryId}>
                <td>
                  <span className="mono">{m.assetId}</span>
                  <br />
                  {m.deviceName}
                  <br />
                  <span className="muted small">{[m.vendor, m.product].filter(Boolean).join(' / ')}</span>
                </td>
                <td>
                  <span className="mono">{m.advisoryId}</span>
                  <br />
                  {m.title}
                  <br />
                  <span className="muted small mono">{m.cves.join(' ')}</span>
                </td>
                <td>
                  <CvssScore score={m.cvss} />
                </td>
                <td className="triage-versions">
                  <span className={`match match-${m.status}`}>{t(`advisories.triage.match.${m.status}`)}</span>
                  <dl>
                    <dt>{t('advisories.triage.rangeLabel')}</dt>
                    <dd className="mono">{m.versionRange || t('advisories.triage.noRange')}</dd>
                    <dt>{t('advisories.triage.deviceVersionLabel')}</dt>
                    <dd className="mono">{m.deviceVersion || t('advisories.triage.noVersion')}</dd>
                  </dl>
                  <span className="muted small">{t(`advisories.triage.confidence.${m.confidence}`)}</span>
                </td>
                <td className="triage-remediations">
                  {m.remediations.map((r, i) => (
                    <div key={i} title={r.details}>
                      <strong>{t(`advisories.triage.remediation.${r.category}`)}</strong> <span className="muted small">{r.details}</span>
                    </div>
                  ))}
                </td>
                <td>
                  <TriageBadge state={m.triage} overdue={m.overdue === true} />
                  {m.decision && !m.reopened && m.decision.reasonCode && <div className="small">{t(`advisories.triage.reason.${m.decision.reasonCode}`)}</div>}
                  {m.decision && !m.reopened && m.decision.dueOn && <div className="small muted">{t('advisories.triage.dueOn', { date: formatDate(m.decision.dueOn, settings) })}</div>}
                  {m.reopened && m.decision && <div className="small muted">{t('advisories.triage.reopened.was', { status: t(`advisories.triage.status.${m.decision.status}`) })}</div>}
                  <Reopened m={m} />
                  {!readOnly && editing !== k && (
                    <button type="button" className="link-button" onClick={() => onEdit(k)} data-testid="triage-open-form">
                      {t(m.decision ? 'advisories.triage.form.change' : 'advisories.triage.form.open')}
                    </button>
                  )}
                </td>
              </tr>
              {editing === k && (
                <tr className="triage-form-row">
                  <td colSpan={columns.length}>{form(m)}</td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}

function Closed({ overview }: { overview: TriageOverview }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  if (overview.closed.length === 0) return null;
  return (
    <div className="card" data-testid="triage-closed">
      <h2>{t('advisories.triage.closed.title')}</h2>
      <p className="muted">{t('advisories.triage.closed.hint')}</p>
      <table className="table">
        <tbody>
          {overview.closed.map((c) => (
            <tr key={c.decision.id}>
              <td>
                <span className="mono">{c.assetId}</span> {c.deviceName}
                <br />
                <span className="muted small mono">{c.deviceVersion || t('advisories.triage.noVersion')}</span>
              </td>
              <td>
                <span className="mono">{c.decision.advisoryId}</span> {c.title}
              </td>
              <td>
                <TriageBadge state="closed" />{' '}
                <span className="small">{t('advisories.triage.closed.row', { status: t(`advisories.triage.status.${c.decision.status}`), date: formatDateTime(c.decision.decidedAt, settings) })}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
