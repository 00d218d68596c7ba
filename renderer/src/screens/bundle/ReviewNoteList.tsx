import { useTranslation } from 'react-i18next';
import type { RegisterName, ReviewNote } from '../../../../electron/api/contract';
import { formatDateTime } from '../../lib/format';
import { hrefFor } from '../../lib/routes';
import { useSettings } from '../../lib/settings-context';
import './bundle.css';

/** Where each register's page is under the site's 体制・接続点 tab (RegistersSection). */
const REGISTER_PAGE: Record<RegisterName, string[]> = { organisation: [], contacts: ['contacts'], connection_points: ['points'] };

/** Review notes as written: text, who and when, and (where one is meant) a link to the checklist item or the register. */
export function ReviewNoteList({ siteId, notes, linkItems }: { siteId: string; notes: ReviewNote[]; linkItems: boolean }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  return (
    <ul className="review-notes" data-testid="review-notes">
      {notes.map((n) => (
        <li key={n.id}>
          {linkItems && n.itemId && n.roundId && (
            <p className="review-note-item">
              <a href={hrefFor({ name: 'site', id: siteId, section: 'walk', rest: [n.roundId, 'all', n.itemId] })}>{t('bundle.review.onItem', { item: n.itemId })}</a>
            </p>
          )}
          {linkItems && n.register && (
            <p className="review-note-item">
              <a href={hrefFor({ name: 'site', id: siteId, section: 'registers', rest: REGISTER_PAGE[n.register] })}>
                {t('registers.review.onRegister', { register: t(`registers.registerNames.${n.register}`) })}
              </a>
            </p>
          )}
          <p>{n.text}</p>
          <p className="muted">
            {n.writtenBy
              ? t('bundle.review.byline', { author: n.authorName, user: n.writtenBy, date: formatDateTime(n.createdAt, settings) })
              : t('bundle.review.bylineAuthorOnly', { author: n.authorName, date: formatDateTime(n.createdAt, settings) })}
          </p>
        </li>
      ))}
    </ul>
  );
}
