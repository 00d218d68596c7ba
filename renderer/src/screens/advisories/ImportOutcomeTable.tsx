import { useTranslation } from 'react-i18next';
import type { AdvisoryImportReport } from '../../../../electron/api/contract';

/** Each file's outcome (imported, updated, unchanged, refused with its reason), the counts first. */
export function ImportOutcomeTable({ report }: { report: AdvisoryImportReport }) {
  const { t } = useTranslation();
  const refused = report.counts.refused > 0;
  return (
    <section className="card" aria-labelledby="advisories-outcome" data-testid="advisories-outcome">
      <h2 id="advisories-outcome">{t('advisories.import.screen.outcomeHeading')}</h2>
      <div className={`alert ${refused ? 'alert-warn' : 'alert-ok'}`} role="status">
        {report.files.length === 0 ? t('advisories.import.cli.nothingFound') : t('advisories.import.cli.counts', report.counts)}
      </div>
      {report.files.length > 0 && (
        <table className="table compact advisories-outcome">
          <thead>
            <tr>
              {(['status', 'file', 'advisory', 'detail'] as const).map((c) => (
                <th key={c} scope="col">
                  {t(`advisories.import.screen.outcomeColumns.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.files.map((f, i) => (
              <tr key={`${f.file}-${i}`} data-status={f.status}>
                <td>
                  <span className={`advisory-status advisory-status-${f.status}`}>{t(`advisories.import.status.${f.status}`)}</span>
                </td>
                <td className="mono advisories-file">{f.file}</td>
                <td className="advisories-advisory">
                  {f.trackingId ?? ''}
                  {f.version ? <span className="tag">{t('advisories.import.cli.version', { version: f.version })}</span> : null}
                </td>
                <td>
                  {f.reason && <p className="advisories-reason">{t(f.reason.key, f.reason.params ?? {})}</p>}
                  {f.status === 'updated' && f.previousVersion && <p>{t('advisories.import.cli.previous', { version: f.previousVersion })}</p>}
                  {(f.notes ?? []).map((n) => (
                    <p key={n.key}>{t(n.key, n.params ?? {})}</p>
                  ))}
                  {f.integrity && f.status !== 'refused' && <p className="muted">{t(`advisories.import.integrity.${f.integrity}`)}</p>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
