import { useTranslation } from 'react-i18next';
import type { VerifyReport } from '../../../../electron/api/contract';
import { formatByteSize } from '../../lib/byte-size';
import { formatDateTime, formatNumber } from '../../lib/format';
import { hrefFor } from '../../lib/routes';
import { useSettings } from '../../lib/settings-context';
import { definitionsParams } from './BundleDefinitions';

const STAGES = ['structure', 'signature', 'manifests', 'replay', 'records'] as const;

/** A verification's outcome: what the bag declares, the stages passed, and each failure with its class and entry. */
export function VerifyReportView({ report }: { report: VerifyReport }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const bag = report.bag;
  const untrusted = report.failures.find((f) => f.class === 'untrusted_signer');
  return (
    <section className={`card bundle-report ${report.ok ? 'bundle-report-ok' : 'bundle-report-bad'}`} aria-labelledby="bundle-report-heading" data-testid="verify-report">
      <h2 id="bundle-report-heading">{t(report.ok ? 'bundle.report.okHeading' : 'bundle.report.failedHeading', { file: report.fileName })}</h2>
      <ol className="bundle-stages" aria-label={t('bundle.report.stages')}>
        {STAGES.map((s) => {
          const state = report.passed.includes(s) ? 'passed' : !report.ok && report.passed.length === STAGES.indexOf(s) ? 'failed' : 'skipped';
          return (
            <li key={s} className={`bundle-stage bundle-stage-${state}`}>
              {t(`bundle.stages.${s}`)}
              <span className="visually-hidden">{t(`bundle.stageStates.${state}`)}</span>
            </li>
          );
        })}
      </ol>
      {bag && (
        <dl className="facts">
          <div>
            <dt>{t('bundle.report.site')}</dt>
            <dd>{bag.siteName}</dd>
          </div>
          <div>
            <dt>{t('bundle.report.signer')}</dt>
            <dd>
              {bag.signerName} <span className="mono">{bag.signerFingerprint}</span>
            </dd>
          </div>
          <div>
            <dt>{t('bundle.report.kind')}</dt>
            <dd>{t(`bundle.kinds.${bag.kind}`)}</dd>
          </div>
          <div>
            <dt>{t('bundle.report.sequence')}</dt>
            <dd>{bag.sequence}</dd>
          </div>
          <div>
            <dt>{t('bundle.report.created')}</dt>
            <dd>{formatDateTime(bag.baggedAt, settings)}</dd>
          </div>
          <div>
            <dt>{t('bundle.report.payload')}</dt>
            <dd>{t('bundle.report.payloadValue', { files: formatNumber(bag.payloadFiles, settings.language), size: formatByteSize(bag.payloadBytes, settings.language, t) })}</dd>
          </div>
          <div>
            <dt>{t('bundle.report.bundleId')}</dt>
            <dd className="mono">{bag.bundleId}</dd>
          </div>
          {report.definitions && (
            <div data-testid="verify-definitions">
              <dt>{t('bundle.definitions.carried')}</dt>
              <dd>
                {t('bundle.definitions.carriedValue', { ...definitionsParams(t, settings, report.definitions), files: formatNumber(report.definitions.files.length, settings.language) })}
                <div className="muted">{t('bundle.definitions.carriedNote')}</div>
              </dd>
            </div>
          )}
          {bag.kind === 'site' && (
            <div data-testid="verify-media-log-head">
              <dt>{t('bundle.report.mediaLogHead')}</dt>
              <dd>
                {bag.mediaLogHead
                  ? t('bundle.report.mediaLogHeadValue', { entries: formatNumber(bag.mediaLogHead.entries, settings.language), hash: `${bag.mediaLogHead.hash.slice(0, 16)}…` })
                  : t('bundle.report.mediaLogHeadAbsent')}
              </dd>
            </div>
          )}
        </dl>
      )}
      {report.failures.length > 0 && (
        <table className="table" data-testid="verify-failures">
          <thead>
            <tr>
              <th scope="col">{t('bundle.report.columns.class')}</th>
              <th scope="col">{t('bundle.report.columns.entry')}</th>
              <th scope="col">{t('bundle.report.columns.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {report.failures.map((f, i) => (
              <tr key={i}>
                <td>
                  {t(`bundle.classes.${f.class}`)} <span className="mono muted">{f.class}</span>
                </td>
                <td className="mono">{f.entry ?? '—'}</td>
                <td>{t(`bundle.reasons.${f.reason}`, f.params ?? {})}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {untrusted && (
        <div className="alert alert-warn" data-testid="untrusted-next-steps">
          <h3>{t('bundle.untrusted.heading')}</h3>
          <p>{t('bundle.untrusted.steps', untrusted.params ?? {})}</p>
          <a className="button" href={hrefFor({ name: 'bundles', page: 'trust' })}>
            {t('bundle.untrusted.link')}
          </a>
        </div>
      )}
    </section>
  );
}
