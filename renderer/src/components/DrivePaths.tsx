import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DriveDetection, FieldError } from '../../../electron/api/contract';
import { api } from '../api/client';
import { Field } from './fields';

/** The paths typed in, one a line, blanks dropped. */
export function pathLines(paths: string): string[] {
  return paths.split(/\r?\n/).map((p) => p.trim()).filter(Boolean);
}

/**
 * Where an import reads from on this machine: a detected removable drive
 * (one button each, to fill the field) or paths typed in, one a line. Used by
 * the imports that take files from a medium (scanner definitions,
 * advisories); `keys` is the locale prefix holding their own wording
 * (drives, useDrive, noDrives, refreshDrives, paths, pathsHint).
 */
export function DrivePaths({ keys, paths, onChange, busy, error }: { keys: string; paths: string; onChange(paths: string): void; busy: boolean; error: FieldError | undefined }) {
  const { t } = useTranslation();
  const [drives, setDrives] = useState<DriveDetection | null>(null);
  const detect = () => {
    api.media.drives({}).then(setDrives, () => setDrives({ platform: 'other', drives: [], error: 'failed' }));
  };
  useEffect(detect, []);
  return (
    <>
      <div className="drives" aria-live="polite">
        {drives === null ? null : drives.drives.length > 0 ? (
          <>
            <span>{t(`${keys}.drives`)}</span>
            {drives.drives.map((d) => (
              <button key={d.path} type="button" className="button" onClick={() => onChange(d.path)} disabled={busy}>
                {t(`${keys}.useDrive`, { path: d.label ? `${d.path} (${d.label})` : d.path })}
              </button>
            ))}
          </>
        ) : (
          <span className="muted">{t(`${keys}.noDrives`)}</span>
        )}
        <button type="button" className="button" onClick={detect} disabled={busy}>
          {t(`${keys}.refreshDrives`)}
        </button>
      </div>
      <Field label={t(`${keys}.paths`)} hint={t(`${keys}.pathsHint`)} error={error}>
        {(props) => <textarea {...props} name="paths" rows={3} className="mono" value={paths} onChange={(e) => onChange(e.target.value)} disabled={busy} />}
      </Field>
    </>
  );
}
