import { useTranslation } from 'react-i18next';
import type { VerifyResult } from '../../../../electron/api/contract';
import { formatDateTime } from '../../lib/format';
import { useSettings } from '../../lib/settings-context';

/**
 * The tamper check's outcome: a summary, each sign of tampering (a broken
 * link, an exported bundle's head no longer held, an entry that contradicts
 * itself), the database's protection, what it was held against, and clock
 * adjustments kept apart as notes.
 */
export function VerifyOutcome({ result }: { result: VerifyResult }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const time = (iso: string | null) => (iso ? formatDateTime(iso, settings) : '');
  const b = result.firstBreak;
  const tampering = [
    ...(b ? [t(`media.verify.problems.${b.problem}`, { n: b.n, expected: b.expectedN })] : []),
    ...result.anchors.mismatches.map((m) =>
      t(`media.verify.anchors.${m.problem}`, { fileName: m.fileName || m.bundleId, sequence: m.sequence, date: time(m.baggedAt), n: m.n ?? 0 }),
    ),
    ...result.findings.map((f) =>
      t(`media.verify.findings.${f.problem}`, {
        n: f.n,
        at: time(f.at),
        prevAt: time(f.prevAt),
        tolerance: Math.round(result.clockToleranceMs / 60_000),
      }),
    ),
    ...(result.findingsTotal > result.findings.length ? [t('media.verify.more', { count: result.findingsTotal - result.findings.length })] : []),
  ];
  const warnings = [
    ...result.warnings.map((w) =>
      t('media.verify.warnings.clock_back', { n: w.n, at: time(w.at), prevAt: time(w.prevAt), seconds: Math.round((Date.parse(w.prevAt ?? w.at) - Date.parse(w.at)) / 1000) }),
    ),
    ...(result.warningsTotal > result.warnings.length ? [t('media.verify.more', { count: result.warningsTotal - result.warnings.length })] : []),
  ];
  const summary = result.tampered
    ? t('media.verify.tampered', { entries: result.entries })
    : result.guardsPresent
      ? t('media.verify.ok', { entries: result.entries })
      : t('media.verify.okUnprotected', { entries: result.entries });

  return (
    <div className="verify-outcome" data-testid="verify-result">
      <div className={`alert ${result.ok ? 'alert-ok' : 'alert-error'}`} role="status">
        <strong>{summary}</strong>
        {tampering.length > 0 && (
          <ul className="verify-list" data-testid="verify-tampering">
            {tampering.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        )}
        {!result.guardsPresent && (
          <p className="verify-guards" data-testid="verify-guards">
            {t('media.verify.guardsMissing', { names: result.guardsMissing.join(', ') })}
          </p>
        )}
        <p className="verify-anchors">{result.anchors.checked > 0 ? t('media.verify.anchorsChecked', { count: result.anchors.checked }) : t('media.verify.noAnchors')}</p>
      </div>
      {warnings.length > 0 && (
        <div className="alert alert-warn" data-testid="verify-warnings">
          <strong>{t('media.verify.warningsHeading')}</strong>
          <ul className="verify-list">
            {warnings.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
