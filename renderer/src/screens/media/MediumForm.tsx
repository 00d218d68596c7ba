import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorShape, Medium } from '../../../../electron/api/contract';
import { MEDIUM_STATUSES, MEDIUM_TYPES, type MediumFieldsInput } from '../../../../electron/core/media/media-schema';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ErrorSummary, Field, indexFieldErrors, useFieldErrors } from '../../components/fields';
import { useUnsavedChanges } from '../../lib/unsaved-changes';
import { toErrorShape } from '../../lib/use-load';

const TEXT_FIELDS = ['controlNo', 'description', 'ownerPerson', 'ownerCompany', 'serial'] as const;

/** Register a medium, or edit one (its status too: lost and retired media stay on record). */
export function MediumForm({ siteId, medium, onSaved, onCancel }: { siteId: string; medium: Medium | null; onSaved(m: Medium): void; onCancel(): void }) {
  const { t } = useTranslation();
  const initial = useMemo<Required<MediumFieldsInput>>(
    () => ({
      controlNo: medium?.controlNo ?? '',
      type: medium?.type ?? 'usb_stick',
      description: medium?.description ?? '',
      ownerPerson: medium?.ownerPerson ?? '',
      ownerCompany: medium?.ownerCompany ?? '',
      serial: medium?.serial ?? '',
      status: medium?.status ?? 'active',
    }),
    [medium],
  );
  const [fields, setFields] = useState(initial);
  const [failure, setFailure] = useState<ErrorShape | null>(null);
  const { errors, raise } = useFieldErrors(fields);
  const dirty = JSON.stringify(fields) !== JSON.stringify(initial);

  async function save(): Promise<Medium | null> {
    try {
      return medium ? await api.media.update({ id: medium.id, fields }) : await api.media.create({ siteId, fields });
    } catch (err) {
      const shape = toErrorShape(err);
      const fieldErrors = indexFieldErrors(shape.fields, 'fields.');
      raise(fieldErrors);
      setFailure(shape.code === 'validation' && Object.keys(fieldErrors).length > 0 ? null : shape);
      return null;
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const saved = await save();
    if (saved) onSaved(saved);
  }

  useUnsavedChanges(dirty, async () => (await save()) !== null);

  return (
    <form className="form card" onSubmit={submit} noValidate data-testid="medium-form">
      <h2>{t(medium ? 'media.registry.editHeading' : 'media.registry.newHeading')}</h2>
      <div className="two-fields">
        {TEXT_FIELDS.map((key) => (
          <Field key={key} label={t(`media.registry.fields.${key}`)} hint={key === 'serial' ? t('media.registry.serialHint') : undefined} error={errors[key]}>
            {(p) => <input {...p} name={key} value={fields[key]} onChange={(e) => setFields({ ...fields, [key]: e.target.value })} />}
          </Field>
        ))}
        <Field label={t('media.registry.fields.type')} error={errors.type}>
          {(p) => (
            <select {...p} name="type" value={fields.type} onChange={(e) => setFields({ ...fields, type: e.target.value as Medium['type'] })}>
              {MEDIUM_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`media.types.${type}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('media.registry.fields.status')} error={errors.status}>
          {(p) => (
            <select {...p} name="status" value={fields.status} onChange={(e) => setFields({ ...fields, status: e.target.value as Medium['status'] })}>
              {MEDIUM_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`media.statuses.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {failure && <ErrorMessage error={failure} />}
      <ErrorSummary errors={errors} label={(path) => t(`media.registry.fields.${path}`, { defaultValue: path })} />
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          {t('media.actions.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('media.actions.cancel')}
        </button>
      </div>
    </form>
  );
}
