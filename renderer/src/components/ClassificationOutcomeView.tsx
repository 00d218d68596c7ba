import { useTranslation } from 'react-i18next';
import type { ClassificationOutcome } from '../../../electron/api/contract';
import { ClassBadge } from './ClassBadge';
import { useReasonSentence } from './ReasonSentence';

/** The 区分 as a badge, its meaning, and the reason in words. */
export function ClassificationOutcomeView({ outcome, reasonTestId }: { outcome: ClassificationOutcome; reasonTestId: string }) {
  const { t } = useTranslation();
  const sentence = useReasonSentence();
  return (
    <>
      <p className="classification-result">
        <ClassBadge result={outcome.result} large />
        <span className="classification-long">{t(`classification.resultLong.${outcome.result}`)}</span>
      </p>
      <p className="classification-reason" data-testid={reasonTestId}>
        {sentence(outcome)}
      </p>
    </>
  );
}
