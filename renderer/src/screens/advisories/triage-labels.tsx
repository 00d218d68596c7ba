import { useTranslation } from 'react-i18next';
import type { TriageCountKey } from '../../../../electron/api/contract';

/** A triage state as a badge: open work is filled warm, settled states cool, closed grey. */
export function TriageBadge({ state, overdue = false }: { state: TriageCountKey; overdue?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={`triage triage-${state}`} data-testid="triage-state">
      {t(`advisories.triage.status.${state}`)}
      {overdue && <span className="triage-overdue">{t('advisories.triage.separator')}{t('advisories.triage.overdue')}</span>}
    </span>
  );
}

/** The highest CVSS as the number and its v3 severity colour. */
export function CvssScore({ score }: { score: number | null }) {
  const { t } = useTranslation();
  if (score === null) return <span className="muted">{t('advisories.triage.noScore')}</span>;
  const band = score >= 9 ? 'critical' : score >= 7 ? 'high' : score >= 4 ? 'medium' : 'low';
  return <span className={`cvss cvss-${band}`}>{score.toFixed(1)}</span>;
}
