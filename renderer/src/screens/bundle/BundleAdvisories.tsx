import { useTranslation } from 'react-i18next';
import type { AdvisoriesOutcome, AdvisorySelection, BundleExportResult } from '../../../../electron/api/contract';
import { ADVISORY_SELECTIONS } from '../../../../electron/api/contract';

/** Head office's choice of advisories for a site's review bundle: not yet sent (the default), only those its inventory matches, or none. */
export function ChooseAdvisories({ value, onChange, disabled }: { value: AdvisorySelection; onChange(value: AdvisorySelection): void; disabled: boolean }) {
  const { t } = useTranslation();
  return (
    <fieldset className="bundle-advisories" data-testid="export-advisories">
      <legend>{t('advisories.bundle.export.label')}</legend>
      {ADVISORY_SELECTIONS.map((s) => (
        <label key={s} className="inline-check">
          <input type="radio" name="advisories" value={s} checked={value === s} disabled={disabled} onChange={() => onChange(s)} aria-describedby="export-advisories-hint" />
          {t(`advisories.bundle.export.options.${s}`)}
        </label>
      ))}
      <p className="field-hint" id="export-advisories-hint">
        {t('advisories.bundle.export.hint')}
      </p>
    </fieldset>
  );
}

export function AdvisoriesSent({ sent }: { sent: NonNullable<BundleExportResult['advisories']> }) {
  const { t } = useTranslation();
  return (
    <p data-testid="export-advisories-sent">
      {t(`advisories.bundle.sent.${sent.selection}`, { count: sent.count })}
      {sent.aliasTableVersion !== null && ` ${t('advisories.bundle.sent.aliasTable', { version: sent.aliasTableVersion })}`}
    </p>
  );
}

/** What the site's advisory store made of a bundle's advisories: counts, and each refused document with its reason. */
export function AdvisoriesOutcomeView({ outcome }: { outcome: AdvisoriesOutcome }) {
  const { t } = useTranslation();
  const refused = outcome.refused.length > 0;
  return (
    <div className={`alert ${refused ? 'alert-warn' : 'alert-ok'}`} role="status" data-testid="import-advisories">
      <strong>{t('advisories.bundle.outcome.heading')}</strong>
      <p>{t('advisories.bundle.outcome.counts', { ...outcome.counts })}</p>
      {outcome.counts.pending > 0 && <p>{t('advisories.bundle.outcome.pendingNote', { pending: outcome.counts.pending })}</p>}
      {refused && (
        <>
          <ul>
            {outcome.refused.map((r) => (
              <li key={r.sha256}>{t('advisories.bundle.outcome.refusedLine', { id: r.trackingId, version: r.version, reason: r.reason ? t(r.reason.messageKey, r.reason.params ?? {}) : '' })}</li>
            ))}
          </ul>
          <p>{t('advisories.bundle.outcome.refusedNote')}</p>
        </>
      )}
      {outcome.aliasTable && <p>{t(outcome.aliasTable.installed ? 'advisories.bundle.outcome.aliasInstalled' : 'advisories.bundle.outcome.aliasKept', { version: outcome.aliasTable.version })}</p>}
    </div>
  );
}
