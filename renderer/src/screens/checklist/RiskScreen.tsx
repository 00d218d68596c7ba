import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentRound, ErrorShape, Risk, RiskFields } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ErrorSummary, Field, indexFieldErrors, useFieldErrors, type FieldErrors } from '../../components/fields';
import { hrefFor } from '../../lib/routes';
import { useUnsavedChanges } from '../../lib/unsaved-changes';
import { toErrorShape, useLoad } from '../../lib/use-load';
import { useSiteAccess } from '../../lib/site-access';

const ASSET_TYPES = ['remote_monitoring', 'control_system', 'connection_point', 'terminal', 'media', 'other'] as const;
const THREATS = ['malware_media', 'malware_terminal', 'intrusion_connection', 'admin_misuse', 'insider_error', 'other'] as const;
const SCALE = [1, 2, 3, 4, 5] as const;

const EMPTY: RiskFields = {
  assetType: 'remote_monitoring',
  assetName: '',
  threat: 'intrusion_connection',
  threatDetail: '',
  likelihood: 3,
  impact: 3,
  linkedItems: [],
  plannedMeasures: '',
};

/** `#/sites/<id>/risks`: the risk register of the site's latest round. */
export function RiskScreen({ siteId }: { siteId: string }) {
  const { t } = useTranslation();
  const [rounds] = useLoad(() => api.assessment.list({ siteId }), [siteId]);
  if (rounds.state === 'loading') return <section aria-busy="true" />;
  if (rounds.state === 'error') return <ErrorMessage error={rounds.error} />;
  const round = rounds.data[0];
  return (
    <section aria-labelledby="risks-heading">
      <div className="page-header">
        <h1 id="risks-heading">{t('checklist.risks.heading')}</h1>
      </div>
      <p className="muted">{t('checklist.risks.intro')}</p>
      {round ? (
        <Register key={round.id} round={round} />
      ) : (
        <p className="empty">
          <a href={hrefFor({ name: 'site', id: siteId, section: 'checklist' })}>{t('checklist.rounds.none')}</a>
        </p>
      )}
    </section>
  );
}

function Register({ round }: { round: AssessmentRound }) {
  const { t } = useTranslation();
  const [risks, reload] = useLoad(() => api.risks.list({ roundId: round.id }), [round.id]);
  const [editing, setEditing] = useState<Risk | 'new' | null>(null);
  const [failure, setFailure] = useState<ErrorShape | null>(null);
  const siteReadOnly = useSiteAccess().readOnly;
  const readOnly = round.completedAt !== null || siteReadOnly;

  async function remove(id: string) {
    try {
      await api.risks.remove({ id });
      reload();
    } catch (err) {
      setFailure(toErrorShape(err));
    }
  }

  return (
    <div aria-busy={risks.state === 'loading'}>
      <p className="muted">{round.title}</p>
      {failure && <ErrorMessage error={failure} />}
      {risks.state === 'error' && <ErrorMessage error={risks.error} />}
      {!readOnly && editing === null && (
        <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
          {t('checklist.risks.add')}
        </button>
      )}
      {editing !== null && (
        <RiskForm
          roundId={round.id}
          risk={editing === 'new' ? undefined : editing}
          onDone={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
      {risks.state === 'ready' && risks.data.length === 0 && <p className="empty">{t('checklist.risks.none')}</p>}
      {risks.state === 'ready' && risks.data.length > 0 && (
        <table className="table" data-testid="risk-table">
          <thead>
            <tr>
              <th scope="col">{t('checklist.risks.columns.asset')}</th>
              <th scope="col">{t('checklist.risks.columns.threat')}</th>
              <th scope="col">{t('checklist.risks.columns.likelihood')}</th>
              <th scope="col">{t('checklist.risks.columns.impact')}</th>
              <th scope="col">{t('checklist.risks.columns.score')}</th>
              <th scope="col">{t('checklist.risks.columns.level')}</th>
              <th scope="col">{t('checklist.risks.columns.items')}</th>
              <th scope="col">{t('checklist.risks.columns.measures')}</th>
              {!readOnly && (
                <th scope="col">
                  <span className="visually-hidden">{t('checklist.risks.columns.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {risks.data.map((r) => (
              <tr key={r.id}>
                <td>
                  {r.assetName}
                  <br />
                  <span className="muted">{t(`checklist.risks.assetTypes.${r.assetType}`)}</span>
                </td>
                <td>
                  {t(`checklist.risks.threats.${r.threat}`)}
                  {r.threatDetail && <br />}
                  <span className="muted">{r.threatDetail}</span>
                </td>
                <td>{r.likelihood}</td>
                <td>{r.weightedImpact}</td>
                <td>{r.score}</td>
                <td>
                  <span className={`risk risk-${r.level}`}>{t(`checklist.risks.levels.${r.level}`)}</span>
                </td>
                <td className="mono">{r.linkedItems.join(', ')}</td>
                <td>{r.plannedMeasures}</td>
                {!readOnly && (
                  <td className="row-actions">
                    <button type="button" className="link-button" onClick={() => setEditing(r)}>
                      {t('checklist.risks.edit')}
                    </button>
                    <button type="button" className="link-button" onClick={() => remove(r.id)}>
                      {t('checklist.risks.remove')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

interface ChoiceProps<V extends string | number> {
  name: keyof RiskFields;
  options: readonly V[];
  value: V;
  label(option: V): string;
  error: FieldErrors[string];
  onChange(value: V): void;
}

/** One of the register's fixed choices: asset type, threat, likelihood, impact. */
function ChoiceField<V extends string | number>({ name, options, value, label, error, onChange }: ChoiceProps<V>) {
  const { t } = useTranslation();
  return (
    <Field label={t(`checklist.risks.fields.${name}`)} error={error}>
      {(props) => (
        <select {...props} name={name} value={value} onChange={(e) => onChange(options.find((o) => String(o) === e.target.value)!)}>
          {options.map((o) => (
            <option key={o} value={o}>
              {label(o)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** What the register stores, without a saved risk's id, score and dates. */
function pickFields({ assetType, assetName, threat, threatDetail, likelihood, impact, plannedMeasures }: RiskFields) {
  return { assetType, assetName, threat, threatDetail, likelihood, impact, plannedMeasures };
}

function RiskForm({ roundId, risk, onDone }: { roundId: string; risk: Risk | undefined; onDone(): void }) {
  const { t } = useTranslation();
  const initial = useMemo(() => ({ fields: risk ? { ...risk } : EMPTY, linked: (risk?.linkedItems ?? []).join(', ') }), [risk]);
  const [fields, setFields] = useState<RiskFields>(initial.fields);
  const [linked, setLinked] = useState(initial.linked);
  const values = useMemo(() => ({ ...fields, linkedItems: linked }), [fields, linked]);
  const { errors, raise } = useFieldErrors(values);
  const [failure, setFailure] = useState<ErrorShape | null>(null);
  const set = <K extends keyof RiskFields>(key: K, value: RiskFields[K]) => setFields((f) => ({ ...f, [key]: value }));
  const dirty = JSON.stringify({ ...pickFields(fields), linked }) !== JSON.stringify({ ...pickFields(initial.fields), linked: initial.linked });

  async function save(): Promise<boolean> {
    const payload = { ...pickFields(fields), linkedItems: linked.split(/[\s,、]+/).filter(Boolean) };
    try {
      if (risk) await api.risks.update({ id: risk.id, fields: payload });
      else await api.risks.create({ roundId, fields: payload });
      return true;
    } catch (err) {
      const shape = toErrorShape(err);
      const fieldErrors = indexFieldErrors(shape.fields, 'fields.');
      raise(fieldErrors);
      setFailure(shape.code === 'validation' && Object.keys(fieldErrors).length > 0 ? null : shape);
      return false;
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await save()) onDone();
  }

  useUnsavedChanges(dirty, save);

  return (
    <form className="card form" onSubmit={submit} data-testid="risk-form">
      {failure && <ErrorMessage error={failure} />}
      <ErrorSummary errors={errors} label={(path) => t(`checklist.risks.fields.${path.split('.')[0]}`, { defaultValue: path })} />
      <div className="field-row">
        <ChoiceField name="assetType" options={ASSET_TYPES} value={fields.assetType} label={(a) => t(`checklist.risks.assetTypes.${a}`)} error={errors.assetType} onChange={(v) => set('assetType', v)} />
        <Field label={t('checklist.risks.fields.assetName')} error={errors.assetName}>
          {(props) => <input {...props} name="assetName" value={fields.assetName} onChange={(e) => set('assetName', e.target.value)} />}
        </Field>
      </div>
      <div className="field-row">
        <ChoiceField name="threat" options={THREATS} value={fields.threat} label={(x) => t(`checklist.risks.threats.${x}`)} error={errors.threat} onChange={(v) => set('threat', v)} />
        <Field label={t('checklist.risks.fields.threatDetail')} error={errors.threatDetail}>
          {(props) => <input {...props} name="threatDetail" value={fields.threatDetail} onChange={(e) => set('threatDetail', e.target.value)} />}
        </Field>
      </div>
      <div className="field-row">
        <ChoiceField name="likelihood" options={SCALE} value={fields.likelihood as (typeof SCALE)[number]} label={String} error={errors.likelihood} onChange={(v) => set('likelihood', v)} />
        <ChoiceField name="impact" options={SCALE} value={fields.impact as (typeof SCALE)[number]} label={String} error={errors.impact} onChange={(v) => set('impact', v)} />
      </div>
      <Field label={t('checklist.risks.fields.linkedItems')} error={errors.linkedItems ?? Object.entries(errors).find(([k]) => k.startsWith('linkedItems'))?.[1]}>
        {(props) => <input {...props} name="linkedItems" value={linked} onChange={(e) => setLinked(e.target.value)} />}
      </Field>
      <Field label={t('checklist.risks.fields.plannedMeasures')} error={errors.plannedMeasures}>
        {(props) => <textarea {...props} name="plannedMeasures" rows={2} value={fields.plannedMeasures} onChange={(e) => set('plannedMeasures', e.target.value)} />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          {t('checklist.risks.save')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('checklist.risks.cancel')}
        </button>
      </div>
    </form>
  );
}
