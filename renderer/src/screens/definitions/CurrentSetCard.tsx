import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DefinitionsStatus } from '../../../../electron/api/contract';
import { Facts } from '../../components/Facts';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useSettings } from '../../lib/settings-context';

/** The set in use: each file's version, build time and age, and where the set came from, who brought it and when. */
export function CurrentSetCard({ status }: { status: DefinitionsStatus }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const none = t('definitions.screen.current.noValue');
  const when = (iso: string | null) => (iso ? formatDateTime(iso, settings) : none);
  const days = (n: number | null) => (n === null ? none : t('definitions.screen.current.days', { days: formatNumber(n, settings.language) }));
  const k = (key: string) => t(`definitions.screen.current.${key}`);
  const engine = status.scanner.found
    ? t('definitions.screen.engine', { version: status.scanner.engineVersion ?? none, level: status.scanner.functionalityLevel ?? none })
    : null;
  const set = status.current;
  const rows: [string, ReactNode][] = [];
  if (engine) rows.push([k('scanner'), engine]);
  if (set) {
    const source = set.source.kind === 'file' ? t('definitions.screen.current.fromFile', { path: set.source.path }) : t('definitions.screen.current.fromBundle', { bundle: set.source.bundleId, site: set.source.siteId });
    rows.push(
      [k('version'), set.version ?? none],
      [k('builtAt'), when(set.builtAt)],
      [k('age'), days(set.ageDays)],
      [k('source'), <span className="definitions-source">{source}</span>],
      [k('importedBy'), set.importedBy],
      [k('importedAt'), when(set.importedAt)],
    );
    if (set.unsignedAcceptedReason) rows.push([k('unsignedReason'), set.unsignedAcceptedReason]);
    if (status.folder) rows.push([k('folder'), <span className="mono definitions-source">{status.folder}</span>]);
  }
  return (
    <section className="card" aria-labelledby="definitions-current" data-testid="definitions-current">
      <h2 id="definitions-current">{k('heading')}</h2>
      {!status.scanner.found && (
        <div className="alert alert-error" role="alert">
          {t('definitions.screen.engineMissing', { program: status.scanner.executable })}
        </div>
      )}
      {!set && <div className="alert alert-warn">{k('none')}</div>}
      {rows.length > 0 && <Facts rows={rows} />}
      {set && (
        <table className="table compact definitions-files" aria-label={k('files')} data-testid="definitions-files">
          <thead>
            <tr>
              {(['name', 'kind', 'version', 'builtAt', 'age', 'signatures', 'sha256'] as const).map((c) => (
                <th key={c} scope="col">
                  {t(`definitions.screen.current.columns.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {set.files.map((f) => (
              <tr key={f.name}>
                <td className="mono">{f.name}</td>
                <td>{t(`definitions.screen.current.kinds.${f.kind}`)}</td>
                <td>{f.version ?? none}</td>
                <td>{when(f.builtAt)}</td>
                <td>{days(f.ageDays)}</td>
                <td>{f.signatures === null ? none : formatNumber(f.signatures, settings.language)}</td>
                <td className="mono" title={f.sha256}>
                  {`${f.sha256.slice(0, 16)}…`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
