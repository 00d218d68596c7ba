import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useSiteAccess } from '../../lib/site-access';
import { useLoad } from '../../lib/use-load';
import { ReviewNoteForm } from '../bundle/ReviewNoteForm';
import { ReviewNoteList } from '../bundle/ReviewNoteList';

/**
 * Review notes on this item of this round. At head office (an imported,
 * read-only copy) they are written here; at the site they arrive with head
 * office's bundle and are shown beside the decision they concern.
 */
export function ItemReviewNotes({ siteId, roundId, itemId }: { siteId: string; roundId: string; itemId: string }) {
  const { t } = useTranslation();
  const { readOnly: atHeadOffice } = useSiteAccess();
  const [notes, reload] = useLoad(() => api.review.list({ siteId }), [siteId]);
  const mine = notes.state === 'ready' ? notes.data.filter((n) => n.roundId === roundId && n.itemId === itemId) : [];
  if (!atHeadOffice && mine.length === 0) return null;
  return (
    <section className="item-review" aria-labelledby="item-review-heading" data-testid="item-review-notes">
      <h3 id="item-review-heading">{t('bundle.review.itemHeading')}</h3>
      {notes.state === 'error' && <ErrorMessage error={notes.error} />}
      {mine.length > 0 && <ReviewNoteList siteId={siteId} notes={mine} linkItems={false} />}
      {atHeadOffice && (
        <>
          <p className="muted">{t('bundle.review.itemIntroOffice')}</p>
          <ReviewNoteForm siteId={siteId} roundId={roundId} itemId={itemId} onAdded={reload} />
        </>
      )}
    </section>
  );
}
