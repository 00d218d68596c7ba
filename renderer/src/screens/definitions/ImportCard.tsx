import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorShape } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { DrivePaths, pathLines } from '../../components/DrivePaths';
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

  const list = pathLines(paths);
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
        <DrivePaths keys="definitions.screen.import" paths={paths} onChange={setPaths} busy={busy} error={pathError} />
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
