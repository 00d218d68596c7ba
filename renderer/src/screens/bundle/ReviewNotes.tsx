import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorShape } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDateTime } from '../../lib/format';
import { useSettings } from '../../lib/settings-context';
import { useUnsavedChanges } from '../../lib/unsaved-changes';
import { toErrorShape, useLoad } from '../../lib/use-load';

/** Head office's review notes on a site. Written on imported copies; shown read-only at the site they travel to. */
export function ReviewNotes({ siteId, canWrite }: { siteId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const [notes, reload] = useLoad(() => api.review.list({ siteId }), [siteId]);
  const [text, setText] = useState('');
  const [failure, setFailure] = useState<ErrorShape | null>(null);

  async function add(): Promise<boolean> {
    try {
      await api.review.add({ siteId, text });
      setText('');
      setFailure(null);
      reload();
      return true;
    } catch (err) {
      setFailure(toErrorShape(err));
      return false;
    }
  }

  useUnsavedChanges(canWrite && text.trim() !== '', add);

  // At the site, the card appears once head office has written something.
  if (!canWrite && notes.state === 'ready' && notes.data.length === 0) return null;
  return (
    <section className="card" aria-labelledby="review-heading">
      <h2 id="review-heading">{t('bundle.review.heading')}</h2>
      <p className="muted">{t(canWrite ? 'bundle.review.introOffice' : 'bundle.review.introSite')}</p>
      {notes.state === 'error' && <ErrorMessage error={notes.error} />}
      {notes.state === 'ready' && notes.data.length === 0 && <p className="empty">{t('bundle.review.empty')}</p>}
      {notes.state === 'ready' && notes.data.length > 0 && (
        <ul className="review-notes">
          {notes.data.map((n) => (
            <li key={n.id}>
              <p>{n.text}</p>
              <p className="muted">
                {n.writtenBy
                  ? t('bundle.review.byline', { author: n.authorName, user: n.writtenBy, date: formatDateTime(n.createdAt, settings) })
                  : t('bundle.review.bylineAuthorOnly', { author: n.authorName, date: formatDateTime(n.createdAt, settings) })}
              </p>
            </li>
          ))}
        </ul>
      )}
      {canWrite && (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <div className="field">
            <label htmlFor="review-text">{t('bundle.review.text')}</label>
            <textarea id="review-text" name="text" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
          </div>
          {failure && <ErrorMessage error={failure} />}
          <button type="submit" className="button" disabled={text.trim() === ''}>
            {t('bundle.review.add')}
          </button>
        </form>
      )}
    </section>
  );
}
