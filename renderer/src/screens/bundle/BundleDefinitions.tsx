import { useTranslation } from 'react-i18next';
import type { CarriedDefinitions, DefinitionsOutcome, Settings } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { formatByteSize } from '../../lib/byte-size';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useSettings } from '../../lib/settings-context';
import { useLoad } from '../../lib/use-load';

type T = ReturnType<typeof useTranslation>['t'];

/** A set's version and build time as the messages name them. */
export function definitionsParams(t: T, settings: Settings, d: Pick<CarriedDefinitions, 'version' | 'builtAt'>): { version: string; builtAt: string } {
  return {
    version: d.version ?? t('bundle.definitions.unknownVersion'),
    builtAt: d.builtAt ? formatDateTime(d.builtAt, settings) : t('bundle.definitions.unknownBuilt'),
  };
}

/**
 * Head office's choice to add its current definitions to a site's review
 * bundle, with what would be sent; disabled, saying why, when there is none.
 */
export function IncludeDefinitions({ checked, onChange, disabled }: { checked: boolean; onChange(checked: boolean): void; disabled: boolean }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const [offer] = useLoad(() => api.bundle.definitions({}), []);
  if (offer.state !== 'ready') return null;
  const d = offer.data;
  const size = d ? d.files.reduce((n, f) => n + f.size, 0) : 0;
  return (
    <div className="bundle-definitions" data-testid="export-definitions">
      <label className="inline-check">
        <input type="checkbox" name="withDefinitions" checked={checked && d !== null} disabled={disabled || d === null} onChange={(e) => onChange(e.target.checked)} aria-describedby="export-definitions-hint" />
        {t('bundle.definitions.include')}
        {d && <span className="bundle-definitions-value">{t('bundle.definitions.includeValue', { ...definitionsParams(t, settings, d), files: formatNumber(d.files.length, settings.language), size: formatByteSize(size, settings.language, t) })}</span>}
      </label>
      <p className="field-hint" id="export-definitions-hint">
        {t(d ? 'bundle.definitions.includeHint' : 'bundle.definitions.noneHere')}
      </p>
    </div>
  );
}

/** What became of an imported bundle's definitions, with the reason when they were not installed. */
export function DefinitionsOutcomeView({ outcome }: { outcome: DefinitionsOutcome }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const tone = outcome.state === 'installed' || outcome.state === 'same' ? 'alert-ok' : outcome.state === 'older' ? 'alert-info' : 'alert-warn';
  return (
    <div className={`alert ${tone}`} role="status" data-testid="import-definitions">
      {t(`bundle.definitions.outcome.${outcome.state}`, definitionsParams(t, settings, outcome))}
      {outcome.reason && <p className="definitions-reason">{t('bundle.definitions.outcome.reason', { reason: t(outcome.reason.messageKey, outcome.reason.params ?? {}) })}</p>}
    </div>
  );
}
