import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DefinitionsGlance } from '../../../../electron/api/contract';
import { Facts } from '../../components/Facts';
import { formatDateTime } from '../../lib/format';
import { useSettings } from '../../lib/settings-context';
import { mediaHref } from './media-paths';
import './definitions-glance.css';

/**
 * A site's scanner definitions on the dashboard: version and age, and past
 * the site's limit said in words (not only in red), so it reads the same on a
 * monochrome printout or to someone who does not tell red from green.
 */
function useAge() {
  const { t } = useTranslation();
  /** `list`: the age with its subject ("2 days old"), as a table cell has no label. */
  return (d: DefinitionsGlance, list: boolean): { text: string; className: string | undefined } => {
    const age = t('sites.definitions.days', { count: d.ageDays ?? 0 });
    switch (d.state) {
      case 'fresh':
        return { text: list ? t('sites.definitions.cell.fresh', { age }) : age, className: undefined };
      case 'stale':
        return { text: t(list ? 'sites.definitions.cell.stale' : 'sites.definitions.staleAge', { age }), className: 'bad-text' };
      case 'unknown_age':
        return { text: t('sites.definitions.cell.unknownAge'), className: 'warn-text' };
      case 'not_recorded':
        return { text: t('sites.definitions.cell.notRecorded'), className: 'muted' };
      case 'none':
        return { text: t('sites.definitions.cell.none'), className: 'muted' };
    }
  };
}

/** The all-sites list's cell: the age (or why there is none) over the version. */
export function DefinitionsCell({ definitions }: { definitions: DefinitionsGlance | null | undefined }) {
  const age = useAge();
  const { t } = useTranslation();
  // Archived sites are not in the overview: nothing to say about them.
  if (!definitions) return <td className="muted">{t('checklist.dashboard.none')}</td>;
  const { text, className } = age(definitions, true);
  return (
    <td data-testid="definitions-cell" data-state={definitions.state}>
      <span className={className}>{text}</span>
      {definitions.version && (
        <div className="muted definitions-version" title={definitions.version}>
          {definitions.version}
        </div>
      )}
    </td>
  );
}

/** The site overview's card. */
export function SiteDefinitionsCard({ siteId, definitions, readOnly }: { siteId: string; definitions: DefinitionsGlance; readOnly: boolean }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const age = useAge()(definitions, false);
  const rows: [string, ReactNode][] = [];
  if (definitions.source === 'store') rows.push([t('sites.definitions.source'), t('sites.definitions.sources.store')]);
  if (definitions.source === 'last_scan' && definitions.scannedAt) {
    rows.push([t('sites.definitions.source'), t('sites.definitions.sources.last_scan', { date: formatDateTime(definitions.scannedAt, settings) })]);
  }
  if (definitions.version) rows.push([t('sites.definitions.version'), definitions.version]);
  if (definitions.builtAt) rows.push([t('sites.definitions.builtAt'), formatDateTime(definitions.builtAt, settings)]);
  rows.push([t('sites.definitions.age'), <span className={age.className}>{age.text}</span>]);
  rows.push([t('sites.definitions.limit'), t('sites.definitions.days', { count: definitions.maxAgeDays })]);
  const advice = definitions.state === 'stale' || definitions.state === 'unknown_age' || definitions.state === 'none' ? t(`sites.definitions.advice.${definitions.state}`) : null;
  return (
    <div className="card" data-testid="site-definitions" data-state={definitions.state}>
      <h2>{t('sites.definitions.heading')}</h2>
      {advice && <p className={`alert ${definitions.state === 'stale' ? 'alert-error' : 'alert-warn'}`}>{advice}</p>}
      <Facts rows={rows} />
      {!readOnly && (
        <p>
          <a href={mediaHref(siteId, 'scanner')}>{t('sites.definitions.openScanner')}</a>
        </p>
      )}
    </div>
  );
}
