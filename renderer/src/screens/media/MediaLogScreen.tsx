import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorShape, VerifyResult } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { ErrorMessage, Notice, type Message } from '../../components/ErrorMessage';
import { saveDownload } from '../../lib/download';
import { toErrorShape } from '../../lib/use-load';
import { MediaLog } from './MediaLog';
import { VerifyOutcome } from './VerifyOutcome';
import { mediaHref } from './media-paths';
import { useMediaList } from './use-media-list';

/** The log inspectors ask for first (8-1-3), with the tamper check and the xlsx in their layout. */
export function MediaLogScreen({ siteId }: { siteId: string }) {
  const { t } = useTranslation();
  const { media } = useMediaList(siteId);
  const [failure, setFailure] = useState<ErrorShape | null>(null);
  const [notice, setNotice] = useState<Message | null>(null);
  const [verified, setVerified] = useState<VerifyResult | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setFailure(null);
    setNotice(null);
    try {
      await action();
    } catch (err) {
      setFailure(toErrorShape(err));
    } finally {
      setBusy(false);
    }
  }

  const verify = () => run(async () => setVerified(await api.media.verify({ siteId })));
  const exportXlsx = () =>
    run(async () => {
      const file = await api.media.exportXlsx({ siteId });
      saveDownload(file);
      setNotice({ key: 'media.export.done', params: { rows: file.rows, fileName: file.fileName } });
    });

  return (
    <section aria-labelledby="media-log-heading">
      <div className="page-header">
        <h1 id="media-log-heading">{t('media.log.heading')}</h1>
        <div className="actions">
          <a className="button button-primary" href={mediaHref(siteId, 'check-in')}>
            {t('media.actions.checkIn')}
          </a>
          <button type="button" className="button" onClick={exportXlsx} disabled={busy}>
            {t('media.actions.export')}
          </button>
          <button type="button" className="button" onClick={verify} disabled={busy}>
            {t('media.actions.verify')}
          </button>
        </div>
      </div>
      <p className="media-intro">{t('media.log.intro')}</p>
      {failure && <ErrorMessage error={failure} />}
      {notice && <Notice message={notice} />}
      {verified && <VerifyOutcome result={verified} />}
      <MediaLog siteId={siteId} media={media} />
    </section>
  );
}
