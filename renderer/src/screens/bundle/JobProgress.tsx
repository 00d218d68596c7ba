import { useTranslation } from 'react-i18next';
import type { BundleJob } from '../../../../electron/api/contract';
import { formatByteSize } from '../../lib/byte-size';
import { useSettings } from '../../lib/settings-context';

/** Phase, bytes and a bar for a running bundle job, with its cancel button. */
export function JobProgress({ job, onCancel }: { job: BundleJob; onCancel(): void }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const size = (n: number) => formatByteSize(n, settings.language, t);
  const running = job.state === 'running';
  return (
    <div className="bundle-progress" role="status" data-testid="bundle-progress">
      <p>
        {t(`bundle.phases.${job.phase}`)}
        {running && ` — ${t('bundle.progress', { done: size(job.bytesDone), total: size(job.bytesTotal) })}`}
        {job.state === 'cancelled' && ` — ${t('bundle.job.cancelled')}`}
      </p>
      {running && (
        <div className="bundle-progress-row">
          <progress max={Math.max(job.bytesTotal, 1)} value={job.bytesDone} aria-label={t(`bundle.phases.${job.phase}`)} />
          <button type="button" className="button" onClick={onCancel}>
            {t('bundle.actions.cancel')}
          </button>
        </div>
      )}
    </div>
  );
}
