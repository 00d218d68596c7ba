import { useTranslation } from 'react-i18next';
import type { Conformity, ItemState, Level, RoundSummary } from '../../../electron/api/contract';

export function LevelBadge({ level }: { level: Level }) {
  const { t } = useTranslation();
  return (
    <span className={`level level-${level}`} title={t(`checklist.levelLong.${level}`)}>
      {t(`checklist.level.${level}`)}
    </span>
  );
}

/** The 実施状況: what is done. */
export function StateBadge({ state }: { state: ItemState }) {
  const { t } = useTranslation();
  return (
    <span className={`state state-${state}`} data-testid="item-state">
      {t(`checklist.state.${state}`)}
    </span>
  );
}

/** The 適合 judgement, beside the 実施状況 and never in its place. */
export function ConformityBadge({ conformity }: { conformity: Conformity }) {
  const { t } = useTranslation();
  return (
    <span className={`conformity conformity-${conformity}`} data-testid="item-conformity" title={t(`checklist.conformityLong.${conformity}`)}>
      {t(`checklist.conformity.${conformity}`)}
    </span>
  );
}

/** An item that stands for a whole article, because the catalogue's sources spell out none of its items. */
export function GenericTag() {
  const { t } = useTranslation();
  return (
    <span className="tag" title={t('checklist.catalogue.genericHint')} data-testid="generic-item">
      {t('checklist.catalogue.genericBadge')}
    </span>
  );
}

/** "N / M considered" as a bar, with the counts an inspector asks about first. */
export function SummaryBar({ summary }: { summary: RoundSummary }) {
  const { t } = useTranslation();
  const percent = summary.total === 0 ? 0 : Math.round((summary.considered / summary.total) * 100);
  return (
    <div className="summary-bar" data-testid="round-summary">
      <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={summary.total} aria-valuenow={summary.considered} aria-label={t('checklist.walk.progressLabel')}>
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <ul className="summary-counts">
        <li className="summary-progress">{t('checklist.summary.progress', { considered: summary.considered, total: summary.total })}</li>
        {summary.kankoku.total > 0 && (
          <li>{t('checklist.summary.kankoku', { compliant: summary.kankoku.compliant, total: summary.kankoku.total })}</li>
        )}
        <li className={summary.unconsidered > 0 ? 'warn' : undefined}>{t('checklist.summary.unconsidered', { count: summary.unconsidered })}</li>
        <li className={summary.kankoku.nonconforming > 0 ? 'bad' : undefined}>
          {t('checklist.summary.nonconforming', { count: summary.kankoku.nonconforming })}
        </li>
        <li className={summary.overdue > 0 ? 'bad' : undefined}>{t('checklist.summary.overdue', { count: summary.overdue })}</li>
      </ul>
    </div>
  );
}
