import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BundleJob } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { uploadFile } from '../../api/upload';
import { ErrorMessage } from '../../components/ErrorMessage';
import { hrefFor } from '../../lib/routes';
import { AdvisoriesOutcomeView } from './BundleAdvisories';
import { DefinitionsOutcomeView } from './BundleDefinitions';
import { JobProgress } from './JobProgress';
import { useBundleJob } from './use-bundle-job';
import { VerifyReportView } from './VerifyReportView';

type Source = { path: string } | { uploadId: string };

/**
 * Head office receives a bundle: a file on this machine (the USB stick's
 * path) or one picked in the browser and uploaded. Verify shows the full
 * report; import verifies again and writes only if everything holds.
 */
export function ReceivePanel({ onImported }: { onImported(): void }) {
  const { t } = useTranslation();
  const [path, setPath] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [uploaded, setUploaded] = useState<{ name: string; uploadId: string } | null>(null);
  const { job, failure, running, start, cancel, reset } = useBundleJob();

  async function source(): Promise<Source> {
    if (!file) return { path: path.trim() };
    if (uploaded && uploaded.name === file.name) return { uploadId: uploaded.uploadId };
    const result = await uploadFile('bundle', file);
    setUploaded({ name: file.name, uploadId: result.uploadId! });
    return { uploadId: result.uploadId! };
  }

  const run = (verb: 'verify' | 'import') =>
    start(async (): Promise<BundleJob> => {
      const s = await source();
      const job = verb === 'verify' ? await api.bundle.verifyStart({ source: s }) : await api.bundle.importStart({ source: s });
      return job;
    });

  const report = job?.state === 'done' ? job.report : null;
  const imported = job?.state === 'done' ? job.imported : null;
  const importedId = imported?.bundleId;
  useEffect(() => {
    if (importedId) onImported();
  }, [importedId, onImported]);
  const ready = file !== null || path.trim() !== '';
  return (
    <section className="card" aria-labelledby="receive-heading">
      <h2 id="receive-heading">{t('bundle.receive.heading')}</h2>
      <p className="muted">{t('bundle.receive.intro')}</p>
      <div className="bundle-row bundle-sources">
        <div className="field">
          <label htmlFor="bundle-path">{t('bundle.receive.path')}</label>
          <input
            id="bundle-path"
            name="path"
            value={path}
            onChange={(e) => {
              setPath(e.target.value);
              setFile(null);
              reset();
            }}
            disabled={running}
            aria-describedby="bundle-path-hint"
          />
        </div>
        <div className="field">
          <label htmlFor="bundle-file">{t('bundle.receive.file')}</label>
          <input
            id="bundle-file"
            type="file"
            accept=".zip,application/zip"
            disabled={running}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setUploaded(null);
              reset();
            }}
          />
        </div>
      </div>
      <p className="field-hint" id="bundle-path-hint">
        {t('bundle.receive.hint')}
      </p>
      <div className="actions">
        <button type="button" className="button" disabled={!ready || running} onClick={() => void run('verify')}>
          {t('bundle.receive.verify')}
        </button>
        <button type="button" className="button button-primary" disabled={!ready || running || (report !== null && !report.ok)} onClick={() => void run('import')}>
          {t('bundle.receive.import')}
        </button>
      </div>
      {failure && <ErrorMessage error={failure} />}
      {job && (job.state === 'running' || job.state === 'cancelled') && <JobProgress job={job} onCancel={cancel} />}
      {imported && (
        <div className="alert alert-ok" role="status" data-testid="import-done">
          {t('bundle.receive.imported', { site: imported.siteName })} <a href={hrefFor({ name: 'site', id: imported.siteId })}>{t('bundle.receive.openSite')}</a>
        </div>
      )}
      {imported?.definitions && <DefinitionsOutcomeView outcome={imported.definitions} />}
      {imported?.advisories && <AdvisoriesOutcomeView outcome={imported.advisories} />}
      {report && <VerifyReportView report={report} />}
    </section>
  );
}

