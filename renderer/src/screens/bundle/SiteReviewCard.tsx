import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { hrefFor } from '../../lib/routes';
import { useSiteAccess } from '../../lib/site-access';
import { useLoad } from '../../lib/use-load';
import { ReviewNoteList } from './ReviewNoteList';

const SHOWN = 5;

/**
 * On the site's overview: the newest review notes, so a note head office
 * sent is seen where the site's day starts, not only on the bundle tab.
 * Nothing is shown until there is a note.
 */
export function SiteReviewCard({ siteId }: { siteId: string }) {
  const { t } = useTranslation();
  const { readOnly } = useSiteAccess();
  const [notes] = useLoad(() => api.review.list({ siteId }), [siteId]);
  if (notes.state !== 'ready' || notes.data.length === 0) return null;
  const newest = [...notes.data].reverse().slice(0, SHOWN);
  return (
    <section className="card review-card" aria-labelledby="site-review-heading" data-testid="site-review-card">
      <h2 id="site-review-heading">{t(readOnly ? 'bundle.review.overviewHeadingOffice' : 'bundle.review.overviewHeadingSite')}</h2>
      <ReviewNoteList siteId={siteId} notes={newest} linkItems />
      <p>
        <a href={hrefFor({ name: 'site', id: siteId, section: 'bundle' })}>{t('bundle.review.overviewAll', { count: notes.data.length })}</a>
      </p>
    </section>
  );
}
