import { useState, type Dispatch, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorShape, UploadResult } from '../../../../electron/api/contract';
import { uploadFile } from '../../api/upload';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field, type FieldErrors } from '../../components/fields';
import { formatNumber } from '../../lib/format';
import { useSettings } from '../../lib/settings-context';
import { toErrorShape } from '../../lib/use-load';

export interface PriorDraft {
  file: UploadResult | null;
  scanDate: string;
  tool: string;
  signatureVersion: string;
  result: 'clean' | 'infected';
}

export const EMPTY_PRIOR: PriorDraft = { file: null, scanDate: '', tool: '', signatureVersion: '', result: 'clean' };

/**
 * The bringer's own scan: their log or certificate goes into the evidence
 * store first. Every change is an update of the latest draft, never a copy
 * of the one on screen when it began: an upload finishing must not take back
 * what was typed while it ran.
 */
export function PriorEvidenceFields({ value, onChange, errors }: { value: PriorDraft; onChange: Dispatch<SetStateAction<PriorDraft>>; errors: FieldErrors }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const [uploading, setUploading] = useState(false);
  const [failure, setFailure] = useState<ErrorShape | null>(null);
  const set = (key: 'scanDate' | 'tool' | 'signatureVersion') => (e: { target: { value: string } }) => {
    const typed = e.target.value;
    onChange((draft) => ({ ...draft, [key]: typed }));
  };

  async function upload(file: File | undefined) {
    if (!file) return;
    setUploading(true);
    setFailure(null);
    try {
      const stored = await uploadFile('evidence', file);
      onChange((draft) => ({ ...draft, file: stored }));
    } catch (err) {
      setFailure(toErrorShape(err));
    } finally {
      setUploading(false);
    }
  }

  return (
    <div className="prior-evidence">
      <Field label={t('media.checkIn.priorFile')} error={errors['prior.sha256'] ?? errors.prior}>
        {(p) => <input {...p} type="file" name="priorFile" onChange={(e) => void upload(e.target.files?.[0])} />}
      </Field>
      {uploading && <p role="status">{t('media.checkIn.uploading')}</p>}
      {value.file && <p role="status">{t('media.checkIn.uploaded', { name: value.file.name, size: formatNumber(value.file.size, settings.language) })}</p>}
      {failure && <ErrorMessage error={failure} />}
      <div className="two-fields">
        <Field label={t('media.checkIn.scanDate')} error={errors['prior.scanDate']}>
          {(p) => <input {...p} type="date" name="scanDate" value={value.scanDate} onChange={set('scanDate')} />}
        </Field>
        <Field label={t('media.checkIn.tool')} error={errors['prior.tool']}>
          {(p) => <input {...p} name="tool" value={value.tool} onChange={set('tool')} />}
        </Field>
        <Field label={t('media.checkIn.signatureVersion')} error={errors['prior.signatureVersion']}>
          {(p) => <input {...p} name="signatureVersion" value={value.signatureVersion} onChange={set('signatureVersion')} />}
        </Field>
        <Field label={t('media.checkIn.priorResult')} error={errors['prior.result']}>
          {(p) => (
            <select {...p} name="priorResult" value={value.result} onChange={(e) => {
                const result = e.target.value as PriorDraft['result'];
                onChange((draft) => ({ ...draft, result }));
              }}>
              <option value="clean">{t('media.results.clean')}</option>
              <option value="infected">{t('media.results.infected')}</option>
            </select>
          )}
        </Field>
      </div>
    </div>
  );
}
