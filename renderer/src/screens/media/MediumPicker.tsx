import { useTranslation } from 'react-i18next';
import type { Medium } from '../../../../electron/api/contract';
import { MEDIUM_TYPES, type MediumFieldsInput } from '../../../../electron/core/media/media-schema';
import { Field, type FieldErrors } from '../../components/fields';

export interface MediumChoice {
  mode: 'existing' | 'new';
  mediumId: string;
  fields: MediumFieldsInput;
}

export const EMPTY_MEDIUM: MediumFieldsInput = { controlNo: '', type: 'usb_stick', description: '', ownerPerson: '', ownerCompany: '', serial: '' };

/** Step 1 of a check-in: a registered medium, or a new one registered on the spot. */
export function MediumPicker({ media, value, onChange, errors }: { media: Medium[]; value: MediumChoice; onChange(v: MediumChoice): void; errors: FieldErrors }) {
  const { t } = useTranslation();
  const active = media.filter((m) => m.status === 'active');
  const setField = (key: keyof MediumFieldsInput) => (e: { target: { value: string } }) => onChange({ ...value, fields: { ...value.fields, [key]: e.target.value } });
  return (
    <fieldset>
      <legend>{t('media.checkIn.mediumStep')}</legend>
      <div className="radio-group">
        {(['existing', 'new'] as const).map((mode) => (
          <label key={mode} className="inline-check">
            <input type="radio" name="medium-mode" value={mode} checked={value.mode === mode} onChange={() => onChange({ ...value, mode })} />
            {t(mode === 'existing' ? 'media.checkIn.existing' : 'media.checkIn.registerNew')}
          </label>
        ))}
      </div>
      {value.mode === 'existing' ? (
        active.length === 0 ? (
          <p className="muted">{t('media.checkIn.noMedia')}</p>
        ) : (
          <Field label={t('media.checkIn.chooseMedium')} error={errors.mediumId}>
            {(p) => (
              <select {...p} name="mediumId" value={value.mediumId} onChange={(e) => onChange({ ...value, mediumId: e.target.value })}>
                <option value="">{t('media.checkIn.chooseMedium')}</option>
                {active.map((m) => (
                  <option key={m.id} value={m.id}>
                    {`${m.controlNo} — ${t(`media.types.${m.type}`)}${m.ownerCompany ? ` (${m.ownerCompany})` : ''}`}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )
      ) : (
        <div className="two-fields">
          <Field label={t('media.registry.fields.controlNo')} error={errors['fields.controlNo'] ?? errors.controlNo}>
            {(p) => <input {...p} name="controlNo" value={value.fields.controlNo} onChange={setField('controlNo')} />}
          </Field>
          <Field label={t('media.registry.fields.type')} error={errors['fields.type']}>
            {(p) => (
              <select {...p} name="type" value={value.fields.type} onChange={setField('type')}>
                {MEDIUM_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`media.types.${type}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('media.registry.fields.ownerPerson')} error={errors['fields.ownerPerson']}>
            {(p) => <input {...p} name="ownerPerson" value={value.fields.ownerPerson ?? ''} onChange={setField('ownerPerson')} />}
          </Field>
          <Field label={t('media.registry.fields.ownerCompany')} error={errors['fields.ownerCompany']}>
            {(p) => <input {...p} name="ownerCompany" value={value.fields.ownerCompany ?? ''} onChange={setField('ownerCompany')} />}
          </Field>
          <Field label={t('media.registry.fields.serial')} hint={t('media.registry.serialHint')} error={errors['fields.serial']}>
            {(p) => <input {...p} name="serial" value={value.fields.serial ?? ''} onChange={setField('serial')} />}
          </Field>
          <Field label={t('media.registry.fields.description')} error={errors['fields.description']}>
            {(p) => <input {...p} name="description" value={value.fields.description ?? ''} onChange={setField('description')} />}
          </Field>
        </div>
      )}
    </fieldset>
  );
}
