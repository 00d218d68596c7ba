import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdvisoryImportReport, ErrorShape } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { DrivePaths, pathLines } from '../../components/DrivePaths';
import { ErrorMessage } from '../../components/ErrorMessage';
import { indexFieldErrors } from '../../components/fields';
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

  const list = pathLines(paths);
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
        <DrivePaths keys="advisories.import.screen" paths={paths} onChange={setPaths} busy={busy} error={pathError} />
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
