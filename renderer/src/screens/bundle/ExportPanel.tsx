import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdvisorySelection, DriveDetection, ExportReconciliation } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { indexFieldErrors } from '../../components/fields';
import { formatByteSize } from '../../lib/byte-size';
import { useSettings } from '../../lib/settings-context';
import { AdvisoriesSent, ChooseAdvisories } from './BundleAdvisories';
import { definitionsParams, IncludeDefinitions } from './BundleDefinitions';
import { JobProgress } from './JobProgress';
import { useBundleJob } from './use-bundle-job';

/**
 * Writes the site's bundle to removable media: a detected drive, or any
 * folder typed in. "Safe to remove" appears only once the file has been read
 * back from the medium and verified.
 */
export function ExportPanel({ siteId, review, onDone }: { siteId: string; review: boolean; onDone(): void }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const [drives, setDrives] = useState<DriveDetection | null>(null);
  const [folder, setFolder] = useState('');
  const [withDefinitions, setWithDefinitions] = useState(false);
  const [advisories, setAdvisories] = useState<AdvisorySelection>('new');
  const { job, failure, running, start, cancel } = useBundleJob();

  const detect = () => {
    api.media.drives({}).then(setDrives, () => setDrives({ platform: 'other', drives: [], error: 'failed' }));
  };
  useEffect(detect, []);
  useEffect(() => {
    if (job?.state === 'done') onDone();
  }, [job?.state, onDone]);

  const exported = job?.state === 'done' ? job.exported : null;
  const folderError = indexFieldErrors(failure?.fields).targetDir;
  return (
    <section className="card" aria-labelledby="bundle-export-heading">
      <h2 id="bundle-export-heading">{t(review ? 'bundle.export.reviewHeading' : 'bundle.export.heading')}</h2>
      <p className="muted">{t(review ? 'bundle.export.reviewIntro' : 'bundle.export.intro')}</p>
      <div className="drives" aria-live="polite">
        {drives && drives.drives.length > 0 ? (
          <>
            <span>{t('bundle.export.drives')}</span>
            {drives.drives.map((d) => (
              <button key={d.path} type="button" className="button" onClick={() => setFolder(d.path)} disabled={running}>
                {t('bundle.export.useDrive', { path: d.label ? `${d.path} (${d.label})` : d.path, fs: d.fileSystem || '?' })}
              </button>
            ))}
          </>
        ) : (
          drives && <span className="muted">{t(drives.error ? 'bundle.export.driveDetectFailed' : 'bundle.export.noDrives')}</span>
        )}
        <button type="button" className="button" onClick={detect} disabled={running}>
          {t('bundle.export.refreshDrives')}
        </button>
      </div>
      {review && <IncludeDefinitions checked={withDefinitions} onChange={setWithDefinitions} disabled={running} />}
      {review && <ChooseAdvisories value={advisories} onChange={setAdvisories} disabled={running} />}
      <form
        className="bundle-row"
        onSubmit={(e) => {
          e.preventDefault();
          void start(() => api.bundle.exportStart({ siteId, targetDir: folder, ...(review && withDefinitions ? { withDefinitions: true } : {}), ...(review ? { advisories } : {}) }));
        }}
      >
        <div className={`field${folderError ? ' field-invalid' : ''}`}>
          <label htmlFor="bundle-folder">{t('bundle.export.folder')}</label>
          <input id="bundle-folder" name="targetDir" value={folder} onChange={(e) => setFolder(e.target.value)} disabled={running} aria-describedby="bundle-folder-hint" />
        </div>
        <button type="submit" className="button button-primary" disabled={running || folder.trim() === ''}>
          {t(review ? 'bundle.export.startReview' : 'bundle.export.start')}
        </button>
      </form>
      <p className="field-hint" id="bundle-folder-hint">
        {t('bundle.export.folderHint')}
      </p>
      {failure && <ErrorMessage error={failure} />}
      {job && (job.state === 'running' || job.state === 'cancelled') && <JobProgress job={job} onCancel={cancel} />}
      {exported && exported.earlier.length > 0 && <EarlierExports earlier={exported.earlier} />}
      {exported && (
        <div className="alert alert-ok" role="status" data-testid="export-done">
          <strong>{t('bundle.export.safeToRemove')}</strong>
          <p>{t('bundle.export.done', { file: exported.fileName, size: formatByteSize(exported.bytes, settings.language, t), sequence: exported.sequence })}</p>
          {exported.definitions && <p data-testid="export-definitions-sent">{t('bundle.definitions.sent', definitionsParams(t, settings, exported.definitions))}</p>}
          {exported.advisories && <AdvisoriesSent sent={exported.advisories} />}
          <p className="mono">{exported.path}</p>
        </div>
      )}
    </section>
  );
}

/** Exports a crash interrupted, as this export found them: recorded, set aside, abandoned, or waiting for their medium. */
function EarlierExports({ earlier }: { earlier: ExportReconciliation[] }) {
  const { t } = useTranslation();
  const warn = earlier.some((e) => e.outcome !== 'recorded' && e.outcome !== 'abandoned');
  return (
    <div className={`alert ${warn ? 'alert-warn' : 'alert-info'}`} role="status" data-testid="export-earlier">
      <strong>{t('bundle.export.earlier.heading')}</strong>
      <ul>
        {earlier.map((e) => (
          <li key={`${e.targetDir}/${e.fileName}`}>{t(`bundle.export.earlier.${e.outcome}`, { file: e.fileName, dir: e.targetDir, sequence: e.sequence, detail: earlierDetail(t, e) })}</li>
        ))}
      </ul>
    </div>
  );
}

function earlierDetail(t: (key: string) => string, e: ExportReconciliation): string {
  if (e.outcome === 'set_aside') return t(e.detail === 'unreadable' ? 'bundle.export.earlier.unreadable' : `bundle.classes.${e.detail}`);
  return e.detail;
}
