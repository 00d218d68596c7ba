import { useTranslation } from 'react-i18next';
import type { RegisterFlag } from '../../../../../electron/api/contract';

/** How loud each flag is: no defence and no reason, or a removal overdue, is red; the rest amber. */
const TONE: Record<RegisterFlag['kind'], 'danger' | 'warn'> = {
  pointUndefended: 'danger',
  removalOverdue: 'danger',
  pointUndefendedWithReason: 'warn',
  deviceNotInInventory: 'warn',
  noContactSteps: 'warn',
  noSecurityManager: 'warn',
};

/** A point's flags: short badges in the list, whole sentences (`long`) on its page. */
export function PointFlags({ flags, long = false }: { flags: RegisterFlag[]; long?: boolean }) {
  const { t } = useTranslation();
  if (flags.length === 0) return null;
  if (long) {
    return (
      <ul className="point-flag-list" data-testid="point-flags">
        {flags.map((f, i) => (
          <li key={i} className={`point-flag point-flag-${TONE[f.kind]}`}>
            {t(`registers.flags.${f.kind}`, f.params)}
          </li>
        ))}
      </ul>
    );
  }
  return (
    <span className="point-flags" data-testid="point-flags">
      {flags.map((f, i) => (
        <span key={i} className={`point-flag point-flag-${TONE[f.kind]}`} title={t(`registers.flags.${f.kind}`, f.params)}>
          {t(`registers.points.flagShort.${f.kind}`, f.params)}
        </span>
      ))}
    </span>
  );
}
