import { useTranslation } from 'react-i18next';
import type { Classification } from '../../../electron/api/contract';

/** "has a control system and sells surplus power through the grid → Class A" */
export function useReasonSentence(): (c: Pick<Classification, 'reasons' | 'result'>) => string {
  const { t } = useTranslation();
  return (c) =>
    t('classification.summary', {
      reasons: c.reasons.map((r) => t(r.key)).join(t('classification.reasonSeparator')),
      result: t(`classification.result.${c.result}`),
    });
}
