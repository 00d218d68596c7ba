import { useTranslation } from 'react-i18next';
import type { ClassificationResult } from '../../../electron/api/contract';

export function ClassBadge({ result, large = false }: { result: ClassificationResult | null; large?: boolean }) {
  const { t } = useTranslation();
  const label = result ? t(`classification.result.${result}`) : t('sites.list.notClassified');
  return (
    <span className={`badge badge-${result ?? 'none'}${large ? ' badge-large' : ''}`} data-testid="class-badge">
      {label}
    </span>
  );
}
