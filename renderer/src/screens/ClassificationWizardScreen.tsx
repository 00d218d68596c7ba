import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClassificationAnswers, ClassificationOutcome, ErrorShape, SiteDetail } from '../../../electron/api/contract';
import { api } from '../api/client';
import { ClassificationOutcomeView } from '../components/ClassificationOutcomeView';
import { ErrorMessage } from '../components/ErrorMessage';
import { hrefFor, navigate } from '../lib/routes';
import { useUnsavedChanges } from '../lib/unsaved-changes';
import { toErrorShape, useLoad } from '../lib/use-load';

type Question = keyof ClassificationAnswers;
type Answers = Record<Question, boolean | null>;

/** The deck's flow: the generation questions only matter once a system is in scope. */
function questionsFor(a: Answers): Question[] {
  const list: Question[] = ['hasRemoteMonitoring', 'hasControlSystem'];
  if (a.hasRemoteMonitoring || a.hasControlSystem) {
    list.push('hasGeneration');
    if (a.hasGeneration) list.push('sellsSurplus');
  }
  return list;
}

function applicable(a: Answers): ClassificationAnswers | null {
  const asked = questionsFor(a);
  if (asked.some((q) => a[q] === null)) return null;
  return {
    hasRemoteMonitoring: a.hasRemoteMonitoring === true,
    hasControlSystem: a.hasControlSystem === true,
    hasGeneration: asked.includes('hasGeneration') ? a.hasGeneration : null,
    sellsSurplus: asked.includes('sellsSurplus') ? a.sellsSurplus : null,
  };
}

export function ClassificationWizardScreen({ id }: { id: string }) {
  const [detail] = useLoad(() => api.sites.get({ id }), [id]);
  if (detail.state === 'loading') return <section aria-busy="true" />;
  if (detail.state === 'error') return <ErrorMessage error={detail.error} />;
  return <Wizard detail={detail.data} />;
}

function Wizard({ detail }: { detail: SiteDetail }) {
  const { t } = useTranslation();
  const [answers, setAnswers] = useState<Answers>(detail.suggestedAnswers);
  const [step, setStep] = useState(0);
  const [outcome, setOutcome] = useState<ClassificationOutcome | null>(null);
  const [failure, setFailure] = useState<ErrorShape | null>(null);
  const [saving, setSaving] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const questions = questionsFor(answers);
  const total = questions.length + 1;
  const question = questions[step];
  const complete = useMemo(() => applicable(answers), [answers]);
  useUnsavedChanges(!saving && (step > 0 || JSON.stringify(answers) !== JSON.stringify(detail.suggestedAnswers)));

  useEffect(() => {
    headingRef.current?.focus();
  }, [step]);

  useEffect(() => {
    if (question || !complete) return;
    let live = true;
    api.classification.preview({ answers: complete }).then(
      (o) => live && setOutcome(o),
      (err: unknown) => live && setFailure(toErrorShape(err)),
    );
    return () => {
      live = false;
    };
  }, [question, complete]);

  function answer(q: Question, value: boolean) {
    setAnswers((a) => ({ ...a, [q]: value }));
    setOutcome(null);
  }

  async function record() {
    if (!complete) return;
    setSaving(true);
    try {
      await api.sites.classify({ siteId: detail.site.id, answers: complete });
      navigate({ name: 'site', id: detail.site.id }, { afterSave: true });
    } catch (err) {
      setFailure(toErrorShape(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <section aria-labelledby="wizard-heading" className="wizard">
      <div className="page-header">
        <div>
          <p className="breadcrumb">
            <a href={hrefFor({ name: 'site', id: detail.site.id })}>{detail.site.name}</a>
          </p>
          <h1 id="wizard-heading">{t('classification.heading')}</h1>
        </div>
      </div>
      <p className="muted">{t('classification.intro')}</p>
      {failure && <ErrorMessage error={failure} />}
      <ol className="stepper" aria-label={t('classification.step', { current: step + 1, total })}>
        {Array.from({ length: total }, (_, i) => (
          <li key={i} className={i === step ? 'current' : i < step ? 'done' : undefined} aria-current={i === step ? 'step' : undefined} />
        ))}
      </ol>
      <div className="card wizard-card">
        {question ? (
          <fieldset className="question" data-testid={`question-${question}`}>
            <legend>
              <span className="step-count">{t('classification.step', { current: step + 1, total })}</span>
              <h2 ref={headingRef} tabIndex={-1}>
                {t(`classification.questions.${question}.label`)}
              </h2>
            </legend>
            <p className="muted">{t(`classification.questions.${question}.help`)}</p>
            <div className="yes-no">
              {([true, false] as const).map((value) => (
                <label key={String(value)} className={`choice${answers[question] === value ? ' selected' : ''}`}>
                  <input type="radio" name={question} checked={answers[question] === value} onChange={() => answer(question, value)} />
                  {t(value ? 'app.answer.yes' : 'app.answer.no')}
                </label>
              ))}
            </div>
          </fieldset>
        ) : (
          <div className="wizard-result" data-testid="wizard-result">
            <h2 ref={headingRef} tabIndex={-1}>
              {t('classification.preview')}
            </h2>
            {outcome ? (
              <ClassificationOutcomeView outcome={outcome} reasonTestId="wizard-reason" />
            ) : (
              <p>{t(complete ? 'app.loading' : 'classification.unanswered')}</p>
            )}
          </div>
        )}
        <div className="form-actions">
          <button type="button" className="button" onClick={() => setStep((s) => s - 1)} disabled={step === 0}>
            {t('app.actions.previous')}
          </button>
          {question ? (
            <button type="button" className="button button-primary" onClick={() => setStep((s) => s + 1)} disabled={answers[question] === null}>
              {t('app.actions.next')}
            </button>
          ) : (
            <button type="button" className="button button-primary" onClick={record} disabled={!outcome || saving}>
              {t('classification.record')}
            </button>
          )}
        </div>
      </div>
    </section>
  );
}
