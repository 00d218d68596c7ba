import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DriveDetection, ErrorShape } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { CheckField, Field, indexFieldErrors } from '../../components/fields';
import { formatDateTime } from '../../lib/format';
import { useSettings } from '../../lib/settings-context';
import { toErrorShape } from '../../lib/use-load';
import type { Outcome } from './DefinitionsScreen';

/**
 * Bringing definitions in from this machine: a detected removable drive or
 * paths typed in (folders or files, one a line), as the media screens take a
 * medium. Unsigned files are taken only when the user ticks the box and says
 * why; the refusal otherwise says so.
 */
export function ImportCard({ onImported, onStart }: { onImported(outcome: Outcome): void; onStart(): void }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const [paths, setPaths] = useState('');
  const [accept, setAccept] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ErrorShape | null>(null);
  const [drives, setDrives] = useState<DriveDetection | null>(null);
  const detect = () => {
    api.media.drives({}).then(setDrives, () => setDrives({ platform: 'other', drives: [], error: 'failed' }));
  };
  useEffect(detect, []);

  const list = paths.split(/\r?\n/).map((p) => p.trim()).filter(Boolean);
  const fields = indexFieldErrors(failure?.fields);
  const pathError = Object.entries(fields).find(([p]) => p === 'paths' || p.startsWith('paths.'))?.[1];

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    onStart();
    try {
      const done = await api.definitions.import({ paths: list, ...(accept ? { acceptUnsignedReason: reason } : {}) });
      setFailure(null);
      setPaths('');
      setAccept(false);
      setReason('');
      const builtAt = done.set.builtAt ? formatDateTime(done.set.builtAt, settings) : t('definitions.screen.current.noValue');
      onImported({
        message: { key: 'definitions.screen.import.done', params: { version: done.set.version ?? t('definitions.screen.current.noValue'), builtAt } },
        details: (['replaced', 'added', 'carried', 'ignored'] as const)
          .filter((k) => done[k].length > 0)
          .map((k) => ({ key: `definitions.screen.import.${k}`, params: { names: done[k].join(', ') } })),
      });
    } catch (err) {
      setFailure(toErrorShape(err));
    } finally {
      setBusy(false);
    }
  }

  const refusal = failure && failure.messageKey !== 'errors.validation' ? failure : null;
  return (
    <section className="card" aria-labelledby="definitions-import" data-testid="definitions-import">
      <h2 id="definitions-import">{t('definitions.screen.import.heading')}</h2>
      <form className="form" onSubmit={submit} aria-busy={busy}>
        <div className="drives" aria-live="polite">
          {drives === null ? null : drives.drives.length > 0 ? (
            <>
              <span>{t('definitions.screen.import.drives')}</span>
              {drives.drives.map((d) => (
                <button key={d.path} type="button" className="button" onClick={() => setPaths(d.path)} disabled={busy}>
                  {t('definitions.screen.import.useDrive', { path: d.label ? `${d.path} (${d.label})` : d.path })}
                </button>
              ))}
            </>
          ) : (
            <span className="muted">{t('definitions.screen.import.noDrives')}</span>
          )}
          <button type="button" className="button" onClick={detect} disabled={busy}>
            {t('definitions.screen.import.refreshDrives')}
          </button>
        </div>
        <Field label={t('definitions.screen.import.paths')} hint={t('definitions.screen.import.pathsHint')} error={pathError}>
          {(props) => <textarea {...props} name="paths" rows={3} className="mono" value={paths} onChange={(e) => setPaths(e.target.value)} disabled={busy} />}
        </Field>
        <CheckField name="acceptUnsigned" label={t('definitions.screen.import.acceptUnsigned')} checked={accept} onChange={setAccept} error={undefined} />
        {accept && (
          <div className="definitions-accept">
            <p className="field-hint">{t('definitions.screen.import.acceptUnsignedHint')}</p>
            <Field label={t('definitions.screen.import.reason')} hint={t('definitions.screen.import.reasonHint')} error={fields.acceptUnsignedReason}>
              {(props) => <textarea {...props} name="acceptUnsignedReason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} disabled={busy} />}
            </Field>
          </div>
        )}
        {refusal && <ErrorMessage error={refusal} />}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy || list.length === 0}>
            {t('definitions.screen.import.submit')}
          </button>
        </div>
        {busy && <p role="status">{t('definitions.screen.import.running')}</p>}
      </form>
    </section>
  );
}
