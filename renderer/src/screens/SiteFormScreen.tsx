import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorShape, FieldError, Site, SiteDetail } from '../../../electron/api/contract';
import { api, ApiError } from '../api/client';
import { ErrorMessage } from '../components/ErrorMessage';
import { CheckField, ErrorSummary, Field, indexFieldErrors, useFieldErrors } from '../components/fields';
import { useRegionList } from '../lib/regions';
import { hrefFor, navigate } from '../lib/routes';
import { useSettings } from '../lib/settings-context';
import { useUnsavedChanges } from '../lib/unsaved-changes';
import { toErrorShape, useLoad } from '../lib/use-load';

interface FormState {
  name: string;
  address: string;
  ownerName: string;
  contractorName: string;
  region: string;
  receivingVoltageV: string;
  generationCapacityKw: string;
  gridConnected: boolean;
  reversePowerFlow: boolean;
  hasRemoteMonitoring: boolean;
  hasControlSystem: boolean;
  installationType: 'new' | 'existing';
  lastSystemChangeDate: string;
}

const EMPTY: FormState = {
  name: '',
  address: '',
  ownerName: '',
  contractorName: '',
  region: '',
  receivingVoltageV: '',
  generationCapacityKw: '',
  gridConnected: false,
  reversePowerFlow: false,
  hasRemoteMonitoring: false,
  hasControlSystem: false,
  installationType: 'new',
  lastSystemChangeDate: '',
};

function fromSite(site: Site): FormState {
  return {
    ...site,
    receivingVoltageV: site.receivingVoltageV?.toString() ?? '',
    generationCapacityKw: site.generationCapacityKw?.toString() ?? '',
    lastSystemChangeDate: site.lastSystemChangeDate ?? '',
  };
}

function parseNumber(text: string, path: string, errors: FieldError[]): number | null {
  const normalised = text.normalize('NFKC').replace(/,/g, '').trim();
  if (normalised === '') return null;
  const value = Number(normalised);
  if (!Number.isFinite(value)) errors.push({ path, messageKey: 'errors.field.notANumber' });
  return Number.isFinite(value) ? value : null;
}

export function SiteFormScreen({ id }: { id?: string }) {
  const [detail] = useLoad<SiteDetail | null>(() => (id ? api.sites.get({ id }) : Promise.resolve(null)), [id]);
  if (detail.state === 'loading') return <section aria-busy="true" />;
  if (detail.state === 'error') return <ErrorMessage error={detail.error} />;
  return <SiteForm site={detail.data?.site} />;
}

function SiteForm({ site }: { site: Site | undefined }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const regions = useRegionList();
  const initial = useMemo(() => (site ? fromSite(site) : EMPTY), [site]);
  const [form, setForm] = useState<FormState>(initial);
  const { errors, raise, raised } = useFieldErrors(form);
  const [failure, setFailure] = useState<ErrorShape | null>(null);
  const [saving, setSaving] = useState(false);
  const dirty = JSON.stringify(form) !== JSON.stringify(initial);

  useEffect(() => {
    const first = document.querySelector<HTMLElement>('.field-invalid input, .field-invalid select');
    first?.focus();
  }, [raised]);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  const region = regions.find((r) => r.id === form.region);

  /** The site once saved, or null where it was refused (the form then shows why). */
  async function save(): Promise<Site | null> {
    const local: FieldError[] = [];
    const fields = {
      name: form.name,
      address: form.address,
      ownerName: form.ownerName,
      contractorName: form.contractorName,
      region: form.region as Site['region'],
      receivingVoltageV: parseNumber(form.receivingVoltageV, 'receivingVoltageV', local),
      generationCapacityKw: parseNumber(form.generationCapacityKw, 'generationCapacityKw', local),
      gridConnected: form.gridConnected,
      reversePowerFlow: form.reversePowerFlow,
      hasRemoteMonitoring: form.hasRemoteMonitoring,
      hasControlSystem: form.hasControlSystem,
      installationType: form.installationType,
      lastSystemChangeDate: form.installationType === 'existing' && form.lastSystemChangeDate ? form.lastSystemChangeDate : null,
    };
    if (local.length > 0) {
      raise(indexFieldErrors(local));
      setFailure(null);
      return null;
    }
    setSaving(true);
    try {
      return site ? await api.sites.update({ id: site.id, fields }) : await api.sites.create(fields);
    } catch (err) {
      const shape = toErrorShape(err);
      const fieldErrors = err instanceof ApiError ? indexFieldErrors(shape.fields, site ? 'fields.' : '') : {};
      raise(fieldErrors);
      // Field errors are named by the summary; anything else is said as it is.
      setFailure(shape.code === 'validation' && Object.keys(fieldErrors).length > 0 ? null : shape);
      return null;
    } finally {
      setSaving(false);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const saved = await save();
    if (saved) navigate({ name: 'site', id: saved.id }, { afterSave: true });
  }

  useUnsavedChanges(dirty, async () => (await save()) !== null);

  const text = (key: 'name' | 'address' | 'ownerName' | 'contractorName', autoComplete = 'off') => (
    <Field label={t(`sites.form.fields.${key}`)} error={errors[key]}>
      {(props) => (
        <input {...props} name={key} type="text" autoComplete={autoComplete} value={form[key]} onChange={(e) => set(key, e.target.value)} />
      )}
    </Field>
  );

  return (
    <section aria-labelledby="site-form-heading">
      <div className="page-header">
        <h1 id="site-form-heading">{t(site ? 'sites.form.editHeading' : 'sites.form.createHeading')}</h1>
      </div>
      {failure && <ErrorMessage error={failure} />}
      <ErrorSummary errors={errors} label={(path) => t(`sites.form.fields.${path}`, { defaultValue: path })} />
      <form onSubmit={submit} noValidate className="form" data-testid="site-form">
        <fieldset>
          <legend>{t('sites.form.sections.basic')}</legend>
          {text('name')}
          {text('address')}
          {text('ownerName')}
          {text('contractorName')}
          <Field label={t('sites.form.fields.region')} error={errors.region}>
            {(props) => (
              <select {...props} name="region" value={form.region} onChange={(e) => set('region', e.target.value)}>
                <option value="">{t('sites.form.regionPlaceholder')}</option>
                {regions.map((r) => (
                  <option key={r.id} value={r.id}>
                    {settings.language === 'ja' ? r.nameJa : r.nameEn}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {region && (
            <p className="office" data-testid="region-office">
              {t('sites.detail.officeWithPhone', {
                office: settings.language === 'ja' ? region.officeJa : region.officeEn,
                phone: region.phone,
              })}
            </p>
          )}
        </fieldset>

        <fieldset>
          <legend>{t('sites.form.sections.equipment')}</legend>
          <Field label={t('sites.form.fields.receivingVoltageV')} hint={t('sites.form.hints.receivingVoltageV')} error={errors.receivingVoltageV}>
            {(props) => (
              <input {...props} name="receivingVoltageV" inputMode="numeric" value={form.receivingVoltageV} onChange={(e) => set('receivingVoltageV', e.target.value)} />
            )}
          </Field>
          <Field label={t('sites.form.fields.generationCapacityKw')} hint={t('sites.form.hints.generationCapacityKw')} error={errors.generationCapacityKw}>
            {(props) => (
              <input {...props} name="generationCapacityKw" inputMode="decimal" value={form.generationCapacityKw} onChange={(e) => set('generationCapacityKw', e.target.value)} />
            )}
          </Field>
          <CheckField name="gridConnected" label={t('sites.form.fields.gridConnected')} checked={form.gridConnected} onChange={(v) => set('gridConnected', v)} error={errors.gridConnected} />
          <CheckField name="reversePowerFlow" label={t('sites.form.fields.reversePowerFlow')} checked={form.reversePowerFlow} onChange={(v) => set('reversePowerFlow', v)} error={errors.reversePowerFlow} />
        </fieldset>

        <fieldset>
          <legend>{t('sites.form.sections.systems')}</legend>
          <CheckField name="hasRemoteMonitoring" label={t('sites.form.fields.hasRemoteMonitoring')} checked={form.hasRemoteMonitoring} onChange={(v) => set('hasRemoteMonitoring', v)} error={errors.hasRemoteMonitoring} />
          <CheckField name="hasControlSystem" label={t('sites.form.fields.hasControlSystem')} checked={form.hasControlSystem} onChange={(v) => set('hasControlSystem', v)} error={errors.hasControlSystem} />
        </fieldset>

        <fieldset>
          <legend>{t('sites.form.sections.installation')}</legend>
          <div className="radio-group" role="radiogroup" aria-label={t('sites.form.fields.installationType')}>
            {(['new', 'existing'] as const).map((type) => (
              <label key={type} className="inline-check">
                <input type="radio" name="installationType" value={type} checked={form.installationType === type} onChange={() => set('installationType', type)} />
                {t(`sites.form.installationTypes.${type}`)}
              </label>
            ))}
          </div>
          {form.installationType === 'existing' && (
            <Field label={t('sites.form.fields.lastSystemChangeDate')} hint={t('sites.form.hints.lastSystemChangeDate')} error={errors.lastSystemChangeDate}>
              {(props) => (
                <input {...props} name="lastSystemChangeDate" type="date" value={form.lastSystemChangeDate} onChange={(e) => set('lastSystemChangeDate', e.target.value)} />
              )}
            </Field>
          )}
        </fieldset>

        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={saving}>
            {t('app.actions.save')}
          </button>
          <a className="button" href={site ? hrefFor({ name: 'site', id: site.id }) : hrefFor({ name: 'sites' })}>
            {t('app.actions.cancel')}
          </a>
        </div>
      </form>
    </section>
  );
}
