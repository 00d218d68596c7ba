import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentItemView, Status } from '../../../../electron/api/contract';
import { Field, type FieldErrors } from '../../components/fields';
import { useSettings } from '../../lib/settings-context';
import type { Draft } from './decision-draft';

const STATUSES: Status[] = ['implemented', 'partial', 'not_implemented', 'not_applicable'];
/** Number keys 1–4 pick the status, in the order shown. */
export const STATUS_KEYS: Record<string, Status> = { '1': 'implemented', '2': 'partial', '3': 'not_implemented', '4': 'not_applicable' };

interface Props {
  item: AssessmentItemView;
  draft: Draft;
  errors: FieldErrors;
  readOnly: boolean;
  reasonRef: RefObject<HTMLTextAreaElement | null>;
  onChange(draft: Draft): void;
}

export function DecisionForm({ item, draft, errors, readOnly, reasonRef, onChange }: Props) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => onChange({ ...draft, [key]: value });
  const needsPlan = item.level === 'kankoku' && (draft.status === 'not_implemented' || draft.status === 'partial');
  const errorText = (key: string) => errors[key] && t(errors[key]!.messageKey, errors[key]!.params ?? {});

  return (
    <fieldset className="decision" disabled={readOnly} data-testid="decision-form">
      <legend className="visually-hidden">{t('checklist.fields.status')}</legend>
      <div className="field" role="radiogroup" aria-labelledby="status-label">
        <span id="status-label" className="field-label">
          {t('checklist.fields.status')}
        </span>
        <div className="status-choices">
          {STATUSES.map((status, i) => (
            <label key={status} className={`choice small${draft.status === status ? ' selected' : ''}`}>
              <input type="radio" name="status" value={status} checked={draft.status === status} onChange={() => set('status', status)} />
              <kbd>{i + 1}</kbd> {t(`checklist.status.${status}`)}
            </label>
          ))}
        </div>
        {/* 実施済 over a register that lacks what the item needs (issue 14): said at the status it refuses. */}
        {errors.status && <p className="field-error">{errorText('status')}</p>}
      </div>

      <div className="field" role="radiogroup" aria-labelledby="necessity-label">
        <span id="necessity-label" className="field-label">
          {t('checklist.fields.necessity')}
        </span>
        <div className="radio-group">
          {(['needed', 'unnecessary'] as const).map((n) => (
            <label key={n} className="inline-check">
              <input type="radio" name="necessity" value={n} checked={draft.necessity === n} onChange={() => set('necessity', n)} />
              {t(`checklist.necessity.${n}`)}
            </label>
          ))}
        </div>
        {errors.necessity && <p className="field-error">{errorText('necessity')}</p>}
      </div>

      <Field label={t('checklist.fields.reason')} error={errors.reason}>
        {(props) => <textarea {...props} ref={reasonRef} name="reason" rows={2} value={draft.reason} onChange={(e) => set('reason', e.target.value)} />}
      </Field>

      {needsPlan && (
        <div className="plan" data-testid="remediation">
          <p className="field-hint">{t('checklist.hints.remediationPlan')}</p>
          <Field label={t('checklist.fields.remediationPlan')} error={errors.remediationPlan}>
            {(props) => <textarea {...props} name="remediationPlan" rows={2} value={draft.remediationPlan} onChange={(e) => set('remediationPlan', e.target.value)} />}
          </Field>
          <Field label={t('checklist.fields.remediationDate')} error={errors.remediationDate}>
            {(props) => <input {...props} type="date" name="remediationDate" value={draft.remediationDate} onChange={(e) => set('remediationDate', e.target.value)} />}
          </Field>
        </div>
      )}

      <Field label={t('checklist.fields.measures')} error={errors.measures}>
        {(props) => <textarea {...props} name="measures" rows={2} value={draft.measures} onChange={(e) => set('measures', e.target.value)} />}
      </Field>
      {item.exampleMeasures.length > 0 && (
        <fieldset className="examples">
          <legend>{t('checklist.fields.exampleMeasures')}</legend>
          {item.exampleMeasures.map((m) => (
            <label key={m.id} className="inline-check">
              <input
                type="checkbox"
                checked={draft.exampleMeasureIds.includes(m.id)}
                onChange={(e) =>
                  set('exampleMeasureIds', e.target.checked ? [...draft.exampleMeasureIds, m.id] : draft.exampleMeasureIds.filter((x) => x !== m.id))
                }
              />
              {m.text[settings.language]}
            </label>
          ))}
        </fieldset>
      )}

      <div className="field-row four">
        <Field label={t('checklist.fields.responsible')} error={errors.responsible}>
          {(props) => <input {...props} name="responsible" value={draft.responsible} onChange={(e) => set('responsible', e.target.value)} />}
        </Field>
        <Field label={t('checklist.fields.targetDate')} error={errors.targetDate}>
          {(props) => <input {...props} type="date" name="targetDate" value={draft.targetDate} onChange={(e) => set('targetDate', e.target.value)} />}
        </Field>
        <Field label={t('checklist.fields.reviewer')} error={errors.reviewer}>
          {(props) => <input {...props} name="reviewer" value={draft.reviewer} onChange={(e) => set('reviewer', e.target.value)} />}
        </Field>
        <Field label={t('checklist.fields.reviewDate')} error={errors.reviewDate}>
          {(props) => <input {...props} type="date" name="reviewDate" value={draft.reviewDate} onChange={(e) => set('reviewDate', e.target.value)} />}
        </Field>
      </div>
    </fieldset>
  );
}
