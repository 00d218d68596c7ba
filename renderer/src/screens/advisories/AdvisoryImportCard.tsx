import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdvisoryImportReport, DriveDetection, ErrorShape } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field, indexFieldErrors } from '../../components/fields';
import { toErrorShape } from '../../lib/use-load';

/**
 * Bringing advisories in from this machine: a detected removable drive or
 * paths typed in (files, folders or a ROLIE feed, one a line), as the
 * definitions import takes them.
 */
export function AdvisoryImportCard({ onImported, onStart }: { onImported(report: AdvisoryImportReport): void; onStart(): void }) {
  const { t } = useTranslation();
  const [paths, setPaths] = useState('');
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
  const k = (key: string, params?: Record<string, string>) => t(`advisories.import.screen.${key}`, params ?? {});

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    onStart();
    try {
      const report = await api.advisories.import({ paths: list });
      setFailure(null);
      setPaths('');
      onImported(report);
    } catch (err) {
      setFailure(toErrorShape(err));
    } finally {
      setBusy(false);
    }
  }

  const refusal = failure && failure.messageKey !== 'errors.validation' ? failure : null;
  return (
    <section className="card" aria-labelledby="advisories-import" data-testid="advisories-import">
      <h2 id="advisories-import">{k('importHeading')}</h2>
      <form className="form" onSubmit={submit} aria-busy={busy}>
        <div className="drives" aria-live="polite">
          {drives === null ? null : drives.drives.length > 0 ? (
            <>
              <span>{k('drives')}</span>
              {drives.drives.map((d) => (
                <button key={d.path} type="button" className="button" onClick={() => setPaths(d.path)} disabled={busy}>
                  {k('useDrive', { path: d.label ? `${d.path} (${d.label})` : d.path })}
                </button>
              ))}
            </>
          ) : (
            <span className="muted">{k('noDrives')}</span>
          )}
          <button type="button" className="button" onClick={detect} disabled={busy}>
            {k('refreshDrives')}
          </button>
        </div>
        <Field label={k('paths')} hint={k('pathsHint')} error={pathError}>
          {(props) => <textarea {...props} name="paths" rows={3} className="mono" value={paths} onChange={(e) => setPaths(e.target.value)} disabled={busy} />}
        </Field>
        {refusal && <ErrorMessage error={refusal} />}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy || list.length === 0}>
            {k('submit')}
          </button>
        </div>
        {busy && <p role="status">{k('running')}</p>}
      </form>
    </section>
  );
}
