import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorShape, LogEntry, ScanJob } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { ErrorMessage, Notice } from '../../components/ErrorMessage';
import { formatDateTime } from '../../lib/format';
import { useSettings } from '../../lib/settings-context';
import { toErrorShape, useLoad } from '../../lib/use-load';
import { mediaHref } from './media-paths';
import { ScanPanel } from './ScanPanel';

/** Before the medium leaves: a second file list, so the log shows what was copied onto it. */
export function CheckOutScreen({ siteId, entryId }: { siteId: string; entryId: string }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const [load] = useLoad(() => api.media.entry({ siteId, id: entryId }), [siteId, entryId]);
  const [job, setJob] = useState<ScanJob | null>(null);
  const [failure, setFailure] = useState<ErrorShape | null>(null);
  const [recorded, setRecorded] = useState<LogEntry | null>(null);
  const onJob = useCallback((j: ScanJob | null) => setJob(j), []);
  if (load.state === 'loading') return <section aria-busy="true" />;
  if (load.state === 'error') return <ErrorMessage error={load.error} />;
  const entry = load.data.entry;

  async function record() {
    if (!job) return;
    try {
      setRecorded(await api.media.checkOut({ siteId, checkInId: entryId, jobId: job.id }));
    } catch (err) {
      setFailure(toErrorShape(err));
    }
  }

  return (
    <section aria-labelledby="check-out-heading">
      <div className="page-header">
        <h1 id="check-out-heading">{t('media.checkOut.heading')}</h1>
      </div>
      <p className="media-intro">{t('media.checkOut.intro')}</p>
      <p>{`#${entry.n} ${entry.controlNo} — ${entry.person} — ${formatDateTime(entry.at, settings)}`}</p>
      {recorded ? (
        <>
          <Notice>{t('media.checkOut.recorded', { n: recorded.n })}</Notice>
          <a className="button button-primary" href={mediaHref(siteId)}>
            {t('media.checkIn.viewLog')}
          </a>
        </>
      ) : (
        <div className="card">
          <ScanPanel siteId={siteId} scan={false} job={job} onJob={onJob} startLabel={t('media.checkOut.start')} />
          {failure && <ErrorMessage error={failure} />}
          <div className="form-actions">
            <button type="button" className="button button-primary" onClick={record} disabled={job?.state !== 'done'}>
              {t('media.checkOut.record')}
            </button>
            <a className="button" href={mediaHref(siteId)}>
              {t('media.actions.cancel')}
            </a>
          </div>
        </div>
      )}
    </section>
  );
}
