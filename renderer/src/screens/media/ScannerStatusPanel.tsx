import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScannerStatus } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Facts } from '../../components/Facts';
import { formatDateTime } from '../../lib/format';
import { useSettings } from '../../lib/settings-context';
import { hrefFor } from '../../lib/routes';
import { useLoad } from '../../lib/use-load';
import { mediaHref } from './media-paths';
import { useDefinitionsRows } from './use-definitions-rows';
import './scanner-status.css';

const TONE: Record<ScannerStatus['state'], 'ok' | 'warn' | 'error'> = {
  ready: 'ok',
  stale: 'warn',
  unknown: 'warn',
  not_installed: 'error',
  no_definitions: 'error',
  definitions_invalid: 'error',
};

/**
 * The site's scanner as checked before a scan: whether it runs, which
 * definitions it would load and how old they are, and what to do when a scan
 * could not prove anything (8-1-3 needs a scan that can find something).
 */
export function ScannerStatusPanel({ siteId, reloadKey = 0, showSettingsLink = false }: { siteId: string; reloadKey?: number; showSettingsLink?: boolean }) {
  const { t } = useTranslation();
  const [load, reload] = useLoad(() => api.media.scannerStatus({ siteId }), [siteId, reloadKey]);
  return (
    <section className="scanner-status" aria-labelledby="scanner-status-heading" data-testid="scanner-status">
      <div className="scanner-status-head">
        <h2 id="scanner-status-heading">{t('media.scannerStatus.heading')}</h2>
        <button type="button" className="button" onClick={reload} disabled={load.state === 'loading'}>
          {t('media.scannerStatus.recheck')}
        </button>
      </div>
      {load.state === 'loading' && <p role="status">{t('media.scannerStatus.checking')}</p>}
      {load.state === 'error' && <ErrorMessage error={load.error} />}
      {load.state === 'ready' && <StatusBody status={load.data} siteId={siteId} showSettingsLink={showSettingsLink} />}
    </section>
  );
}

function StatusBody({ status, siteId, showSettingsLink }: { status: ScannerStatus; siteId: string; showSettingsLink: boolean }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const none = t('media.scannerStatus.none');
  const advice = adviceOf(status, t);
  const definitionsRows = useDefinitionsRows()(status.used);
  const rows: [string, ReactNode][] = [
    [t('media.scannerStatus.scanner'), status.scanner],
    [t('media.scanner.executablePath'), <span className="mono">{status.executable}</span>],
    [t('media.scannerStatus.engine'), status.engineVersion ?? none],
    definitionsRows[0]!,
  ];
  if (status.definitionsPath !== null) {
    const folder = status.definitionsPathIsDefault ? t('media.scannerStatus.folderDefault', { folder: status.definitionsPath }) : status.definitionsPath;
    rows.push([t('media.scannerStatus.folder'), <span className="mono">{folder}</span>]);
  }
  rows.push([
    t('media.scannerStatus.definitions'),
    status.definitions.length === 0 ? (
      none
    ) : (
      <ul className="definition-list" data-testid="scanner-definitions">
        {status.definitions.map((d) => {
          const date = d.updatedAt ? formatDateTime(d.updatedAt, settings) : none;
          const text = d.version
            ? t('media.scannerStatus.definition', { name: d.name, version: d.version, date })
            : t('media.scannerStatus.definitionFile', { name: d.name, date });
          return <li key={d.name}>{d.verified === false ? `${text} ${t('media.scannerStatus.definitionUnverified')}` : text}</li>;
        })}
      </ul>
    ),
  ]);
  // Before the scan: when the definitions were built and how old they are against the site's limit.
  if (status.definitions.length > 0) rows.push(definitionsRows[2]!, definitionsRows[3]!);
  rows.push([t('media.scannerStatus.checkedAt'), formatDateTime(status.checkedAt, settings)]);

  return (
    <>
      <div className={`alert alert-${TONE[status.state]}`} data-testid="scanner-state">
        <p className="scanner-status-state">{t(`media.scannerStatus.states.${status.state}`)}</p>
        {advice && <p>{advice}</p>}
        {/* Old or missing definitions in Hoan's store (or none anywhere) are fixed by importing new ones. */}
        {(status.state === 'stale' || status.state === 'no_definitions') && (status.used.source === 'store' || status.used.source === 'scanner_default') && (
          <a className="scanner-status-link" href={hrefFor({ name: 'definitions' })}>{t('media.scannerStatus.openDefinitions')}</a>
        )}
        {showSettingsLink && TONE[status.state] !== 'ok' && <a className="scanner-status-link" href={mediaHref(siteId, 'scanner')}>{t('media.scannerStatus.openSettings')}</a>}
      </div>
      <Facts rows={rows} />
      <details className="scanner-output">
        <summary>{t('media.scannerStatus.output')}</summary>
        <pre className="mono">{status.detail}</pre>
      </details>
    </>
  );
}

function adviceOf(s: ScannerStatus, t: (key: string, params?: Record<string, unknown>) => string): string | null {
  switch (s.state) {
    case 'ready':
      return null;
    case 'stale':
      return s.ageDays === null ? t('media.scannerStatus.advice.staleUnknown') : t('media.scannerStatus.advice.stale', { days: s.ageDays, limit: s.staleAfterDays });
    case 'not_installed':
      return t('media.scannerStatus.advice.not_installed', { executable: s.executable });
    case 'no_definitions':
      if (s.definitionsPath === null) return t('media.scannerStatus.advice.no_definitionsBuiltIn');
      // A path in the settings wins over Hoan's store: importing alone would not help.
      return t(s.used.source === 'configured' ? 'media.scannerStatus.advice.no_definitionsConfigured' : 'media.scannerStatus.advice.no_definitions', { folder: s.definitionsPath });
    case 'definitions_invalid':
      return t('media.scannerStatus.advice.definitions_invalid', { file: s.invalidFile ?? '' });
    case 'unknown':
      return t('media.scannerStatus.advice.unknown');
  }
}
