import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput, ErrorShape, LogEntry, ScanJob } from '../../../../electron/api/contract';
import { ageText, staleWorthSaying } from '../../../../electron/core/media/entry-words';
import { exceptionNeeded, judge, SCAN_METHODS, type ScanMethod, type ScanResult } from '../../../../electron/core/media/media-schema';
import { api } from '../../api/client';
import { ErrorMessage, Notice } from '../../components/ErrorMessage';
import { CheckField, Field, indexFieldErrors } from '../../components/fields';
import { toErrorShape } from '../../lib/use-load';
import { InventoryTargets } from './InventoryTargets';
import { EMPTY_MEDIUM, MediumPicker, type MediumChoice } from './MediumPicker';
import { mediaHref } from './media-paths';
import { EMPTY_PRIOR, PriorEvidenceFields, type PriorDraft } from './PriorEvidenceFields';
import { ScanPanel } from './ScanPanel';
import { ScannerStatusPanel } from './ScannerStatusPanel';
import { useMediaList } from './use-media-list';

function resultOf(method: ScanMethod, job: ScanJob | null, prior: PriorDraft): ScanResult | null {
  if (method === 'none') return 'no_evidence';
  if (method === 'prior_evidence') return prior.file ? prior.result : null;
  return job?.state === 'done' ? (job.outcome?.result ?? 'error') : null;
}

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

/** 8-1-3 at the checkpoint: which medium, who brings it and why, how it was confirmed clean, and the 判定. */
export function CheckInScreen({ siteId }: { siteId: string }) {
  const [round, setRound] = useState(0);
  return <CheckInForm key={round} siteId={siteId} onAnother={() => setRound((r) => r + 1)} />;
}

function CheckInForm({ siteId, onAnother }: { siteId: string; onAnother(): void }) {
  const { t } = useTranslation();
  const { media, reload } = useMediaList(siteId);
  const [medium, setMedium] = useState<MediumChoice>({ mode: 'existing', mediumId: '', fields: EMPTY_MEDIUM });
  const [person, setPerson] = useState('');
  const [company, setCompany] = useState('');
  const [purpose, setPurpose] = useState('');
  const [targets, setTargets] = useState('');
  const [method, setMethod] = useState<ScanMethod>('scan_here');
  const [job, setJob] = useState<ScanJob | null>(null);
  const [manifestJob, setManifestJob] = useState<ScanJob | null>(null);
  const [prior, setPrior] = useState<PriorDraft>(EMPTY_PRIOR);
  const [exception, setException] = useState(false);
  const [approver, setApprover] = useState('');
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<ErrorShape | null>(null);
  const [recorded, setRecorded] = useState<LogEntry | null>(null);
  const [saving, setSaving] = useState(false);
  const onJob = useCallback((j: ScanJob | null) => setJob(j), []);
  const onManifestJob = useCallback((j: ScanJob | null) => setManifestJob(j), []);

  const result = resultOf(method, job, prior);
  // Hoan's own scan says how old its definitions were; past the site's limit it needs an exception too.
  const definitions = method === 'scan_here' && job?.state === 'done' ? job.outcome?.scan?.definitions : undefined;
  const stale = definitions?.stale === true;
  const decision = result ? judge(result, false, stale) : null;
  const tt = (key: string, params?: Record<string, string | number>) => t(key, params ?? {});
  const covers = result ? exceptionNeeded(result, stale) : null;
  const sayStale = staleWorthSaying(definitions, result);
  const denialReason =
    covers === 'stale_definitions'
      ? t('media.checkIn.reasonStale', { age: ageText(tt, definitions!) })
      : covers === 'scan_result_and_stale_definitions' && sayStale
        ? t('media.checkIn.reasonBoth', { result: t(`media.results.${result!}`), age: ageText(tt, definitions) })
        : result
          ? t(`media.results.${result}`)
          : '';
  const errors = indexFieldErrors(failure?.fields);

  function pickMedium(choice: MediumChoice) {
    const picked = media.find((m) => m.id === choice.mediumId);
    if (picked && choice.mediumId !== medium.mediumId && !company) setCompany(picked.ownerCompany);
    setMedium(choice);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (medium.mode === 'existing' && !medium.mediumId) {
      setFailure({ code: 'validation', messageKey: 'errors.validation', fields: [{ path: 'mediumId', messageKey: 'errors.field.required' }] });
      return;
    }
    setSaving(true);
    setFailure(null);
    try {
      let mediumId = medium.mediumId;
      if (medium.mode === 'new') {
        const created = await api.media.create({ siteId, fields: medium.fields });
        // Registered now: a retry after a refused check-in must not register it twice.
        mediumId = created.id;
        setMedium({ mode: 'existing', mediumId, fields: EMPTY_MEDIUM });
        reload();
      }
      const input: ChannelInput<'media:checkIn'> = { siteId, mediumId, person, company, purpose, targets: lines(targets), method };
      if (method === 'scan_here' && job) input.jobId = job.id;
      if (method === 'prior_evidence') {
        if (manifestJob?.state === 'done') input.jobId = manifestJob.id;
        if (prior.file) input.prior = { sha256: prior.file.sha256, name: prior.file.name, scanDate: prior.scanDate, tool: prior.tool, signatureVersion: prior.signatureVersion, result: prior.result };
      }
      if (exception && decision === 'denied') input.exception = { approver, reason };
      setRecorded(await api.media.checkIn(input));
    } catch (err) {
      setFailure(toErrorShape(err));
    } finally {
      setSaving(false);
    }
  }

  if (recorded) {
    return (
      <section aria-labelledby="check-in-heading">
        <div className="page-header">
          <h1 id="check-in-heading">{t('media.checkIn.heading')}</h1>
        </div>
        <Notice>{t('media.checkIn.recorded', { n: recorded.n, decision: t(`media.decisions.${recorded.decision!}`) })}</Notice>
        <div className="actions">
          <a className="button button-primary" href={mediaHref(siteId)}>
            {t('media.checkIn.viewLog')}
          </a>
          <button type="button" className="button" onClick={onAnother}>
            {t('media.checkIn.another')}
          </button>
        </div>
      </section>
    );
  }

  return (
    <section aria-labelledby="check-in-heading">
      <div className="page-header">
        <h1 id="check-in-heading">{t('media.checkIn.heading')}</h1>
      </div>
      <p className="media-intro">{t('media.checkIn.intro')}</p>
      <form className="form" onSubmit={submit} data-testid="check-in-form" noValidate>
        <MediumPicker media={media} value={medium} onChange={pickMedium} errors={errors} />
        <fieldset>
          <legend>{t('media.checkIn.bringerStep')}</legend>
          <div className="two-fields">
            <Field label={t('media.checkIn.person')} error={errors.person}>
              {(p) => <input {...p} name="person" value={person} onChange={(e) => setPerson(e.target.value)} autoComplete="off" />}
            </Field>
            <Field label={t('media.checkIn.company')} error={errors.company}>
              {(p) => <input {...p} name="company" value={company} onChange={(e) => setCompany(e.target.value)} autoComplete="off" />}
            </Field>
          </div>
          <Field label={t('media.checkIn.purpose')} error={errors.purpose}>
            {(p) => <input {...p} name="purpose" value={purpose} onChange={(e) => setPurpose(e.target.value)} />}
          </Field>
          <Field label={t('media.checkIn.targets')} hint={t('media.checkIn.targetsHint')} error={errors.targets}>
            {(p) => <textarea {...p} className="targets" name="targets" value={targets} onChange={(e) => setTargets(e.target.value)} />}
          </Field>
          <InventoryTargets siteId={siteId} onPick={(label) => setTargets((text) => (lines(text).includes(label) ? text : [...lines(text), label].join('\n')))} />
        </fieldset>
        <fieldset>
          <legend>{t('media.checkIn.checkStep')}</legend>
          <div className="radio-group">
            {SCAN_METHODS.map((m) => (
              <label key={m} className="inline-check">
                <input type="radio" name="method" value={m} checked={method === m} onChange={() => setMethod(m)} />
                {t(`media.methods.${m}`)}
              </label>
            ))}
          </div>
          {errors.jobId && <p className="field-error">{t(errors.jobId.messageKey, errors.jobId.params ?? {})}</p>}
          {method === 'scan_here' && (
            <>
              <ScannerStatusPanel siteId={siteId} showSettingsLink />
              <ScanPanel siteId={siteId} scan job={job} onJob={onJob} startLabel={t('media.checkIn.startScan')} />
            </>
          )}
          {method === 'prior_evidence' && (
            <>
              <PriorEvidenceFields value={prior} onChange={setPrior} errors={errors} />
              <ScanPanel siteId={siteId} scan={false} job={manifestJob} onJob={onManifestJob} startLabel={t('media.checkIn.makeManifest')} />
            </>
          )}
        </fieldset>
        <fieldset>
          <legend>{t('media.checkIn.judgement')}</legend>
          <p className={`judgement judgement-${decision === 'denied' && exception ? 'exception' : (decision ?? 'pending')}`} data-testid="judgement" aria-live="polite">
            {decision === null
              ? t('media.checkIn.judgementPending')
              : decision === 'allowed'
                ? t('media.checkIn.willAllow')
                : t(exception ? 'media.checkIn.willException' : 'media.checkIn.willDeny', { result: denialReason })}
          </p>
          {decision === 'denied' && (
            <>
              <CheckField label={t('media.checkIn.allowException')} checked={exception} onChange={setException} error={undefined} name="exception" />
              {exception && (
                <div className="two-fields">
                  <Field label={t('media.checkIn.approver')} error={errors['exception.approver']}>
                    {(p) => <input {...p} name="approver" value={approver} onChange={(e) => setApprover(e.target.value)} />}
                  </Field>
                  <Field label={t('media.checkIn.exceptionReason')} error={errors['exception.reason']}>
                    {(p) => <input {...p} name="exceptionReason" value={reason} onChange={(e) => setReason(e.target.value)} />}
                  </Field>
                </div>
              )}
            </>
          )}
        </fieldset>
        {failure && <ErrorMessage error={failure} />}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={saving || job?.state === 'running' || manifestJob?.state === 'running'}>
            {t('media.checkIn.record')}
          </button>
          <a className="button" href={mediaHref(siteId)}>
            {t('media.actions.cancel')}
          </a>
        </div>
      </form>
    </section>
  );
}
