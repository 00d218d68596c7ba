import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useLoad } from '../../lib/use-load';
import { ReviewNoteForm } from './ReviewNoteForm';
import { ReviewNoteList } from './ReviewNoteList';

/** Head office's review notes on a site. Written on imported copies; shown read-only at the site they travel to. */
export function ReviewNotes({ siteId, canWrite }: { siteId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const [notes, reload] = useLoad(() => api.review.list({ siteId }), [siteId]);

  // At the site, the card appears once head office has written something.
  if (!canWrite && notes.state === 'ready' && notes.data.length === 0) return null;
  return (
    <section className="card" aria-labelledby="review-heading">
      <h2 id="review-heading">{t('bundle.review.heading')}</h2>
      <p className="muted">{t(canWrite ? 'bundle.review.introOffice' : 'bundle.review.introSite')}</p>
      {notes.state === 'error' && <ErrorMessage error={notes.error} />}
      {notes.state === 'ready' && notes.data.length === 0 && <p className="empty">{t('bundle.review.empty')}</p>}
      {notes.state === 'ready' && notes.data.length > 0 && <ReviewNoteList siteId={siteId} notes={notes.data} linkItems />}
      {canWrite && <ReviewNoteForm siteId={siteId} onAdded={reload} />}
    </section>
  );
}
