import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DriveDetection, ErrorShape, ScanJob } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { indexFieldErrors } from '../../components/fields';
import { formatNumber } from '../../lib/format';
import { useSettings } from '../../lib/settings-context';
import { toErrorShape } from '../../lib/use-load';
import { Facts } from '../../components/Facts';
import { ScanFailure } from './ScanFailure';
import { useDefinitionsRows } from './use-definitions-rows';

const POLL_MS = 300;

interface Props {
  siteId: string;
  /** false: only the file list (prior-scan evidence, check-out). */
  scan: boolean;
  job: ScanJob | null;
  onJob(job: ScanJob | null): void;
  startLabel: string;
}

/** Where the job is; once it has ended, how: a scan that proved nothing did not "finish". */
function headline(job: ScanJob, t: (key: string) => string): string {
  if (job.state === 'running') return t(`media.checkIn.phases.${job.phase}`);
  if (job.state === 'cancelled') return t('media.checkIn.jobCancelled');
  if (job.state === 'failed') return t('media.checkIn.jobFailed');
  return job.outcome?.scan?.result === 'error' ? t('media.checkIn.scanFailed') : t('media.checkIn.phases.finished');
}

/**
 * Chooses the medium (a detected removable drive, or a folder typed in),
 * runs the job on the machine that holds the medium, shows its progress and
 * lets the user cancel it.
 */
export function ScanPanel({ siteId, scan, job, onJob, startLabel }: Props) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const definitionsRows = useDefinitionsRows();
  const [drives, setDrives] = useState<DriveDetection | null>(null);
  const [path, setPath] = useState('');
  const [failure, setFailure] = useState<ErrorShape | null>(null);
  const running = job?.state === 'running';

  const detect = () => {
    api.media.drives({}).then(setDrives, () => setDrives({ platform: 'other', drives: [], error: 'failed' }));
  };
  useEffect(detect, []);

  useEffect(() => {
    if (!job || job.state !== 'running') return;
    const timer = setTimeout(() => {
      api.media.scanStatus({ jobId: job.id }).then(onJob, (err: unknown) => setFailure(toErrorShape(err)));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job, onJob]);

  async function start() {
    setFailure(null);
    onJob(null);
    try {
      onJob(await api.media.scanStart({ siteId, path, scan }));
    } catch (err) {
      setFailure(toErrorShape(err));
    }
  }

  async function cancel() {
    if (job) onJob(await api.media.scanCancel({ jobId: job.id }).catch(() => job));
  }

  const pathError = indexFieldErrors(failure?.fields).path;
  const n = (v: number) => formatNumber(v, settings.language);
  return (
    <div className="scan-panel">
      <div className="drives" aria-live="polite">
        {drives === null ? null : drives.drives.length > 0 ? (
          <>
            <span>{t('media.checkIn.drives')}</span>
            {drives.drives.map((d) => (
              <button key={d.path} type="button" className="button" onClick={() => setPath(d.path)} disabled={running}>
                {t('media.checkIn.useDrive', { path: d.label ? `${d.path} (${d.label})` : d.path })}
              </button>
            ))}
          </>
        ) : (
          <span className="muted">{t(drives.error ? 'media.checkIn.driveDetectFailed' : 'media.checkIn.noDrives')}</span>
        )}
        <button type="button" className="button" onClick={detect} disabled={running}>
          {t('media.checkIn.refreshDrives')}
        </button>
      </div>
      <div className="scan-row">
        <div className={`field${pathError ? ' field-invalid' : ''}`}>
          <label htmlFor="medium-path">{t('media.checkIn.path')}</label>
          <input
            id="medium-path"
            name="path"
            value={path}
            onChange={(e) => setPath(e.target.value)}
            disabled={running}
            aria-invalid={!!pathError}
            aria-describedby="medium-path-hint"
          />
        </div>
        {running ? (
          <button type="button" className="button" onClick={cancel}>
            {t('media.checkIn.cancelScan')}
          </button>
        ) : (
          <button type="button" className="button button-primary" onClick={start} disabled={path.trim() === ''}>
            {startLabel}
          </button>
        )}
      </div>
      <p className="field-hint" id="medium-path-hint">
        {t('media.checkIn.pathHint')}
      </p>
      {failure && <ErrorMessage error={failure} />}
      {job && (
        <div className="scan-status" role="status" data-testid="scan-status">
          <p data-testid="scan-phase" className={job.state === 'failed' || job.outcome?.scan?.result === 'error' ? 'scan-phase-failed' : undefined}>
            {headline(job, t)}
            {job.state === 'running' &&
              ` — ${job.filesTotal === null ? t('media.checkIn.progressUnknown', { done: n(job.filesDone) }) : t('media.checkIn.progress', { done: n(job.filesDone), total: n(job.filesTotal) })}`}
          </p>
          {job.state === 'running' && (
            <progress
              max={job.filesTotal ?? undefined}
              value={job.filesTotal === null ? undefined : job.filesDone}
              aria-label={t('media.checkIn.scanning')}
            />
          )}
          {job.state === 'failed' && job.error && <ErrorMessage error={job.error} />}
          {job.outcome?.manifest && <p>{t('media.checkIn.manifestDone', { files: n(job.outcome.manifest.fileCount) })}</p>}
          {job.outcome?.scan && (
            <>
              <p data-testid="scan-result">{t('media.checkIn.scanResult', { result: t(`media.results.${job.outcome.scan.result}`) })}</p>
              {job.outcome.scan.detections.length > 0 && (
                <ul className="detections">
                  {job.outcome.scan.detections.map((d) => (
                    <li key={`${d.file}:${d.name}`}>{`${d.name} — ${d.file}`}</li>
                  ))}
                </ul>
              )}
              {job.outcome.scan.result === 'error' && <ScanFailure scan={job.outcome.scan} />}
              {job.outcome.scan.definitions && (
                <div data-testid="scan-definitions">
                  <Facts rows={definitionsRows(job.outcome.scan.definitions)} />
                </div>
              )}
            </>
          )}
        </div>
      )}
    </div>
  );
}
