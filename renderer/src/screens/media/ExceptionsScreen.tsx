import { useTranslation } from 'react-i18next';
import { MediaLog } from './MediaLog';
import { useMediaList } from './use-media-list';

/** Media the check denied but an approver let connect: inspectors look at these closely. */
export function ExceptionsScreen({ siteId }: { siteId: string }) {
  const { t } = useTranslation();
  const { media } = useMediaList(siteId);
  return (
    <section aria-labelledby="exceptions-heading">
      <div className="page-header">
        <h1 id="exceptions-heading">{t('media.exceptions.heading')}</h1>
      </div>
      <p className="media-intro">{t('media.exceptions.intro')}</p>
      <MediaLog siteId={siteId} media={media} fixed={{ decision: 'exception' }} testId="exceptions-log" emptyText={t('media.exceptions.empty')} />
    </section>
  );
}
