import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorShape, LogEntry, LogEntryDetail } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { ErrorMessage, Notice } from '../../components/ErrorMessage';
import { Field, indexFieldErrors } from '../../components/fields';
import { toErrorShape, useLoad } from '../../lib/use-load';
import { mediaHref } from './media-paths';

type Values = LogEntryDetail['effective'];

/** Entries are never rewritten: a correction is a new entry with the new values and the reason. */
export function CorrectionScreen({ siteId, entryId }: { siteId: string; entryId: string }) {
  const [load] = useLoad(() => api.media.entry({ siteId, id: entryId }), [siteId, entryId]);
  if (load.state === 'loading') return <section aria-busy="true" />;
  if (load.state === 'error') return <ErrorMessage error={load.error} />;
  return <CorrectionForm siteId={siteId} detail={load.data} />;
}

function CorrectionForm({ siteId, detail }: { siteId: string; detail: LogEntryDetail }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Values>(detail.effective);
  const [targets, setTargets] = useState(detail.effective.targets.join('\n'));
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<ErrorShape | null>(null);
  const [recorded, setRecorded] = useState<LogEntry | null>(null);
  const errors = indexFieldErrors(failure?.fields);
  useEffect(() => setValues((v) => ({ ...v, targets: targets.split('\n').map((l) => l.trim()).filter(Boolean) })), [targets]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const changes: Record<string, unknown> = {};
    for (const key of ['person', 'company', 'purpose'] as const) if (values[key] !== detail.effective[key]) changes[key] = values[key];
    if (values.targets.join('\n') !== detail.effective.targets.join('\n')) changes.targets = values.targets;
    try {
      setRecorded(await api.media.correct({ siteId, entryId: detail.entry.id, changes, reason }));
    } catch (err) {
      setFailure(toErrorShape(err));
    }
  }

  const text = (key: 'person' | 'company' | 'purpose') => (
    <Field label={t(`media.log.columns.${key}`)} error={errors[`changes.${key}`]}>
      {(p) => <input {...p} name={key} value={values[key]} onChange={(e) => setValues({ ...values, [key]: e.target.value })} />}
    </Field>
  );

  return (
    <section aria-labelledby="correct-heading">
      <div className="page-header">
        <h1 id="correct-heading">{t('media.correct.heading', { n: detail.entry.n })}</h1>
      </div>
      <p className="media-intro">{t('media.correct.intro')}</p>
      {recorded ? (
        <>
          <Notice>{t('media.correct.recorded', { n: recorded.n })}</Notice>
          <a className="button button-primary" href={mediaHref(siteId)}>
            {t('media.checkIn.viewLog')}
          </a>
        </>
      ) : (
        <form className="form card" onSubmit={submit} noValidate>
          {text('person')}
          {text('company')}
          {text('purpose')}
          <Field label={t('media.entry.targets')} hint={t('media.checkIn.targetsHint')} error={errors['changes.targets']}>
            {(p) => <textarea {...p} className="targets" name="targets" value={targets} onChange={(e) => setTargets(e.target.value)} />}
          </Field>
          <Field label={t('media.correct.reason')} error={errors.reason}>
            {(p) => <input {...p} name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          {errors.changes && <p className="field-error">{t(errors.changes.messageKey)}</p>}
          {failure && <ErrorMessage error={failure} />}
          <div className="form-actions">
            <button type="submit" className="button button-primary">
              {t('media.correct.record')}
            </button>
            <a className="button" href={mediaHref(siteId)}>
              {t('media.actions.cancel')}
            </a>
          </div>
        </form>
      )}
    </section>
  );
}
