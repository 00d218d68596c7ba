import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PARTY_ROLES, RESPONSIBILITIES, type ErrorShape, type Party, type PartyRole, type ResponsibilityId } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { CheckField, ErrorSummary, Field, indexFieldErrors, useFieldErrors } from '../../components/fields';
import { useUnsavedChanges } from '../../lib/unsaved-changes';
import { toErrorShape } from '../../lib/use-load';
import { partyName } from './party-label';

interface Values {
  role: PartyRole;
  title: string;
  personName: string;
  organisation: string;
  department: string;
  phone: string;
  phoneAfterHours: string;
  email: string;
  responsibilities: ResponsibilityId[];
  responsibilityNote: string;
  reportsTo: string;
}

function valuesOf(p: Party | null): Values {
  return {
    role: p?.role ?? 'owner',
    title: p?.title ?? '',
    personName: p?.personName ?? '',
    organisation: p?.organisation ?? '',
    department: p?.department ?? '',
    phone: p?.phone ?? '',
    phoneAfterHours: p?.phoneAfterHours ?? '',
    email: p?.email ?? '',
    responsibilities: p?.responsibilities ?? [],
    responsibilityNote: p?.responsibilityNote ?? '',
    reportsTo: p?.reportsTo ?? '',
  };
}

const TEXT_FIELDS = ['title', 'personName', 'organisation', 'department'] as const;
const CONTACT_FIELDS = ['phone', 'phoneAfterHours', 'email'] as const;

/** One party of the 体制 (new when `party` is null): role, names, contact, responsibilities, whom it reports to. */
export function PartyForm({ siteId, party, parties, onSaved, onCancel }: { siteId: string; party: Party | null; parties: Party[]; onSaved(p: Party): void; onCancel(): void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Values>(() => valuesOf(party));
  const [failure, setFailure] = useState<ErrorShape | null>(null);
  const live = useFieldErrors(values);
  const errors = live.errors;
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));

  async function submit(): Promise<boolean> {
    try {
      const saved = await api.registers.saveParty({ siteId, ...(party ? { id: party.id } : {}), ...values, reportsTo: values.reportsTo || null });
      setFailure(null);
      live.raise({});
      onSaved(saved);
      return true;
    } catch (err) {
      const shape = toErrorShape(err);
      setFailure(shape.fields ? null : shape);
      live.raise(indexFieldErrors(shape.fields));
      return false;
    }
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    await submit();
  }

  const dirty = JSON.stringify(values) !== JSON.stringify(valuesOf(party));
  useUnsavedChanges(dirty, submit);
  const label = (path: string) => t(`registers.organisation.fields.${path.split('.')[0]}`);
  const others = parties.filter((p) => p.id !== party?.id);
  const toggle = (id: ResponsibilityId, on: boolean) =>
    set('responsibilities', RESPONSIBILITIES.map((r) => r.id).filter((r) => (r === id ? on : values.responsibilities.includes(r))));

  return (
    <form className="card form party-form" onSubmit={save} data-testid="party-form" aria-labelledby="party-form-heading" noValidate>
      <h2 id="party-form-heading">{party ? t('registers.organisation.editHeading', { name: partyName(party) }) : t('registers.organisation.addHeading')}</h2>
      {failure && <ErrorMessage error={failure} />}
      <ErrorSummary errors={errors} label={label} />
      <div className="field-row">
        <Field label={t('registers.organisation.fields.role')} error={errors.role}>
          {(props) => (
            <select {...props} name="role" value={values.role} onChange={(e) => set('role', e.target.value as PartyRole)}>
              {PARTY_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`registers.roles.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('registers.organisation.fields.reportsTo')} hint={t('registers.organisation.hints.reportsTo')} error={errors.reportsTo}>
          {(props) => (
            <select {...props} name="reportsTo" value={values.reportsTo} onChange={(e) => set('reportsTo', e.target.value)}>
              <option value="">{t('registers.organisation.reportsToNone')}</option>
              {others.map((p) => (
                <option key={p.id} value={p.id}>
                  {`${t(`registers.roles.${p.role}`)}：${partyName(p)}`}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="field-row">
        {TEXT_FIELDS.map((f) => (
          <Field key={f} label={t(`registers.organisation.fields.${f}`)} hint={f === 'title' ? t('registers.organisation.hints.title') : undefined} error={errors[f]}>
            {(props) => <input {...props} name={f} value={values[f]} onChange={(e) => set(f, e.target.value)} />}
          </Field>
        ))}
      </div>
      <p className="muted">{t('registers.organisation.storedOnly')}</p>
      <div className="field-row">
        {CONTACT_FIELDS.map((f) => (
          <Field key={f} label={t(`registers.organisation.fields.${f}`)} hint={t(`registers.organisation.hints.${f === 'email' ? 'email' : 'phone'}`)} error={errors[f]}>
            {(props) => (
              <input {...props} name={f} inputMode={f === 'email' ? 'email' : 'tel'} autoComplete="off" value={values[f]} onChange={(e) => set(f, e.target.value)} />
            )}
          </Field>
        ))}
      </div>
      <fieldset className="responsibilities">
        <legend>{t('registers.organisation.fields.responsibilities')}</legend>
        <div className="responsibility-grid">
          {RESPONSIBILITIES.map((r) => (
            <CheckField
              key={r.id}
              name={`responsibility-${r.id}`}
              label={t(`registers.responsibilities.${r.id}`)}
              checked={values.responsibilities.includes(r.id)}
              onChange={(on) => toggle(r.id, on)}
              error={undefined}
            />
          ))}
        </div>
      </fieldset>
      <Field label={t('registers.organisation.fields.responsibilityNote')} error={errors.responsibilityNote}>
        {(props) => <textarea {...props} name="responsibilityNote" rows={2} value={values.responsibilityNote} onChange={(e) => set('responsibilityNote', e.target.value)} />}
      </Field>
      <div className="actions">
        <button type="submit" className="button button-primary">
          {t('registers.organisation.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('registers.organisation.cancel')}
        </button>
      </div>
    </form>
  );
}
