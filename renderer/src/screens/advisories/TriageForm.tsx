import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NOT_AFFECTED_REASONS, TRIAGE_STATUSES, type ErrorShape, type TriagedMatch, type TriageStatus } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ErrorSummary, Field, indexFieldErrors, useFieldErrors } from '../../components/fields';
import { formatDate, formatDateTime } from '../../lib/format';
import { useSettings } from '../../lib/settings-context';
import { toErrorShape, useLoad } from '../../lib/use-load';
import { TriageBadge } from './triage-labels';

interface Draft {
  status: TriageStatus | '';
  reasonCode: string;
  note: string;
  compensatingControl: string;
  dueOn: string;
  version: string;
}

/**
 * One pair's decision (8-4-2, 8-4-3): the five states, each showing only the
 * fields it needs; the router's refusals land at their field in ja/en.
 */
export function TriageForm({ siteId, match, openRoundId, onDone, onClose }: {
  siteId: string;
  match: TriagedMatch;
  openRoundId: string | null;
  onDone(): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const d = match.decision;
  const [draft, setDraft] = useState<Draft>({
    status: d?.status ?? '',
    reasonCode: d?.reasonCode ?? '',
    note: d?.note ?? '',
    compensatingControl: d?.compensatingControl ?? '',
    dueOn: d?.dueOn ?? '',
    version: '',
  });
  const [failure, setFailure] = useState<ErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  const live = useFieldErrors(draft);
  const errors = live.errors;
  const [history] = useLoad(() => api.advisories.history({ siteId, deviceId: match.deviceId, advisoryId: match.advisoryId, publisherNamespace: match.publisherNamespace }), [match.deviceId, match.advisoryId]);
  const set = (patch: Partial<Draft>) => setDraft((x) => ({ ...x, ...patch }));
  const label = (path: string) => t(`advisories.triage.form.${path === 'dueOn' ? (draft.status === 'risk_accepted' ? 'reviewOn' : 'plannedOn') : path === 'status' ? 'status' : path}`, { defaultValue: path });

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      const s = draft.status;
      await api.advisories.decide({
        siteId,
        deviceId: match.deviceId,
        advisoryId: match.advisoryId,
        publisherNamespace: match.publisherNamespace,
        status: s as TriageStatus,
        note: draft.note,
        ...(s === 'not_affected' && draft.reasonCode ? { reasonCode: draft.reasonCode as (typeof NOT_AFFECTED_REASONS)[number] } : {}),
        ...(s === 'risk_accepted' ? { compensatingControl: draft.compensatingControl } : {}),
        ...((s === 'in_progress' || s === 'risk_accepted') && draft.dueOn ? { dueOn: draft.dueOn } : {}),
        ...(s === 'resolved' ? { version: draft.version } : {}),
      });
      setFailure(null);
      onDone();
    } catch (err) {
      const shape = toErrorShape(err);
      live.raise(indexFieldErrors(shape.fields));
      setFailure(shape.fields?.length ? null : shape);
    } finally {
      setBusy(false);
    }
  }

  const s = draft.status;
  return (
    <form className="triage-form" onSubmit={save} data-testid="triage-form" aria-label={t('advisories.triage.form.title', { asset: match.assetId, advisory: match.advisoryId })}>
      <h3>{t('advisories.triage.form.title', { asset: match.assetId, advisory: match.advisoryId })}</h3>
      {failure && <ErrorMessage error={failure} />}
      <ErrorSummary errors={errors} label={label} />
      <fieldset className={`field triage-statuses${errors.status ? ' field-invalid' : ''}`}>
        <legend>{t('advisories.triage.form.status')}</legend>
        {TRIAGE_STATUSES.map((status) => (
          <label key={status} className="triage-choice">
            <input type="radio" name="status" value={status} checked={s === status} onChange={() => set({ status })} />
            {t(`advisories.triage.status.${status}`)}
          </label>
        ))}
        {errors.status && <p className="field-error">{t(errors.status.messageKey, { ...errors.status.params, field: t('advisories.triage.form.status') })}</p>}
      </fieldset>
      {s === 'not_affected' && (
        <Field label={t('advisories.triage.form.reasonCode')} error={errors.reasonCode}>
          {(props) => (
            <select {...props} name="reasonCode" value={draft.reasonCode} onChange={(e) => set({ reasonCode: e.target.value })}>
              <option value="">{t('advisories.triage.form.choose')}</option>
              {NOT_AFFECTED_REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`advisories.triage.reason.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {(s === 'in_progress' || s === 'risk_accepted') && (
        <Field label={t(s === 'risk_accepted' ? 'advisories.triage.form.reviewOn' : 'advisories.triage.form.plannedOn')} error={errors.dueOn}>
          {(props) => <input {...props} type="date" name="dueOn" value={draft.dueOn} onChange={(e) => set({ dueOn: e.target.value })} />}
        </Field>
      )}
      {s === 'resolved' && (
        <Field
          label={t('advisories.triage.form.version')}
          hint={t('advisories.triage.form.versionHint', { current: match.deviceVersion || t('advisories.triage.noVersion') })}
          error={errors.version}
        >
          {(props) => <input {...props} name="version" value={draft.version} onChange={(e) => set({ version: e.target.value })} />}
        </Field>
      )}
      {s === 'risk_accepted' && (
        <>
          <Field label={t('advisories.triage.form.compensatingControl')} error={errors.compensatingControl}>
            {(props) => <textarea {...props} name="compensatingControl" rows={2} value={draft.compensatingControl} onChange={(e) => set({ compensatingControl: e.target.value })} />}
          </Field>
          <p className={openRoundId ? 'muted' : 'alert alert-warn'}>{openRoundId ? t('advisories.triage.form.riskHint', { round: '8-4-3' }) : t('advisories.triage.form.noRoundHint')}</p>
        </>
      )}
      <Field label={t(s === 'not_affected' && draft.reasonCode === 'other' ? 'advisories.triage.form.noteOther' : 'advisories.triage.form.note')} error={errors.note}>
        {(props) => <textarea {...props} name="note" rows={2} value={draft.note} onChange={(e) => set({ note: e.target.value })} />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy || s === ''}>
          {t('advisories.triage.form.save')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('advisories.triage.form.cancel')}
        </button>
      </div>
      <h4>{t('advisories.triage.form.history')}</h4>
      {history.state === 'ready' && history.data.length === 0 && <p className="muted">{t('advisories.triage.form.noHistory')}</p>}
      {history.state === 'ready' && history.data.length > 0 && (
        <ol className="triage-history" data-testid="triage-history">
          {history.data.map((h) => (
            <li key={h.id}>
              <TriageBadge state={h.status} /> <span className="muted">{t('advisories.triage.decidedBy', { date: formatDateTime(h.decidedAt, settings), user: h.decidedBy })}</span>
              {h.reasonCode && <>{t('advisories.triage.separator')}{t(`advisories.triage.reason.${h.reasonCode}`)}</>}
              {h.dueOn && <>{t('advisories.triage.separator')}{t('advisories.triage.dueOn', { date: formatDate(h.dueOn, settings) })}</>}
              {h.note && <div className="triage-note">{h.note}</div>}
              {h.compensatingControl && <div className="triage-note">{h.compensatingControl}</div>}
            </li>
          ))}
        </ol>
      )}
    </form>
  );
}
