import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Medium } from '../../../../electron/api/contract';
import { DECISIONS, SCAN_RESULTS, type LogFilter } from '../../../../electron/core/media/media-schema';

type Draft = Record<'mediumId' | 'person' | 'company' | 'dateFrom' | 'dateTo' | 'result' | 'decision', string>;
const EMPTY: Draft = { mediumId: '', person: '', company: '', dateFrom: '', dateTo: '', result: '', decision: '' };

/** Drops empty conditions: an empty field means "any". */
function toFilter(d: Draft): LogFilter {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(d)) if (v.trim()) out[k] = v.trim();
  return out as LogFilter;
}

/** `fixed`: conditions the view already applies, so their fields are not offered. */
export function LogFilters({ media, value, onApply, fixed = [] }: { media: Medium[]; value: LogFilter; onApply(filter: LogFilter): void; fixed?: string[] }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>({ ...EMPTY, ...(value as Partial<Draft>) });
  const set = (key: keyof Draft) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value }));
  const reversed = draft.dateFrom !== '' && draft.dateTo !== '' && draft.dateFrom > draft.dateTo;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!reversed) onApply(toFilter(draft));
  }

  const input = (key: keyof Draft, type = 'text') => (
    <div className={`field${key === 'dateTo' && reversed ? ' field-invalid' : ''}`}>
      <label htmlFor={`log-filter-${key}`}>{t(`media.filter.${key === 'mediumId' ? 'medium' : key}`)}</label>
      <input id={`log-filter-${key}`} name={key} type={type} value={draft[key]} onChange={set(key)} aria-invalid={key === 'dateTo' && reversed} aria-describedby={key === 'dateTo' && reversed ? 'log-filter-range-error' : undefined} />
    </div>
  );

  return (
    <form className="card log-filters" onSubmit={submit} aria-label={t('media.filter.legend')} data-testid="log-filters">
      {!fixed.includes('mediumId') && (
        <div className="field">
          <label htmlFor="log-filter-mediumId">{t('media.filter.medium')}</label>
          <select id="log-filter-mediumId" name="mediumId" value={draft.mediumId} onChange={set('mediumId')}>
            <option value="">{t('media.filter.any')}</option>
            {media.map((m) => (
              <option key={m.id} value={m.id}>
                {m.controlNo}
              </option>
            ))}
          </select>
        </div>
      )}
      {input('person')}
      {input('company')}
      {input('dateFrom', 'date')}
      {input('dateTo', 'date')}
      <div className="field">
        <label htmlFor="log-filter-result">{t('media.filter.result')}</label>
        <select id="log-filter-result" name="result" value={draft.result} onChange={set('result')}>
          <option value="">{t('media.filter.any')}</option>
          {SCAN_RESULTS.map((r) => (
            <option key={r} value={r}>
              {t(`media.results.${r}`)}
            </option>
          ))}
        </select>
      </div>
      {!fixed.includes('decision') && (
        <div className="field">
          <label htmlFor="log-filter-decision">{t('media.filter.decision')}</label>
          <select id="log-filter-decision" name="decision" value={draft.decision} onChange={set('decision')}>
            <option value="">{t('media.filter.any')}</option>
            {DECISIONS.map((d) => (
              <option key={d} value={d}>
                {t(`media.decisions.${d}`)}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="filter-actions">
        <button type="submit" className="button button-primary" disabled={reversed}>
          {t('media.filter.apply')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            setDraft(EMPTY);
            onApply({});
          }}
        >
          {t('media.filter.clear')}
        </button>
        {reversed ? (
          <span className="field-error" id="log-filter-range-error" role="alert">
            {t('media.errors.dateRangeReversed')}
          </span>
        ) : (
          <span className="muted">{t('media.filter.exactHint')}</span>
        )}
      </div>
    </form>
  );
}
