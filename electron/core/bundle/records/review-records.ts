import { z } from 'zod';
import { col, columnsOf, insertMissing, selectRows } from './rows';
import { defineDomain } from './record-domain';

export const reviewNoteRow = z
  .object({
    id: col.uuid,
    site_id: col.uuid,
    round_id: col.optText,
    item_id: col.optText,
    text: z.string().min(1).max(4000),
    author_fingerprint: col.text,
    author_name: col.text,
    written_by: col.text,
    created_at: col.text,
  })
  .strict();

const schema = z.object({ notes: z.array(reviewNoteRow) }).strict();
type ReviewRecords = z.output<typeof schema>;

/** Head office's review notes: they travel to the site, and back with the site's next bundle. */
export const reviewRecords = defineDomain<ReviewRecords>({
  file: 'review-notes.json',
  kinds: ['site', 'review'],
  schema,
  collect: ({ db, siteId }) => ({ notes: selectRows(db, 'review_notes', reviewNoteRow, 'site_id = ? ORDER BY seq', siteId) }),
  check: (data, siteId, file) => (data.notes.some((n) => n.site_id !== siteId) ? { class: 'records_invalid', entry: file, reason: 'otherSite' } : null),
  apply: ({ db }, data) => insertMissing(db, 'review_notes', columnsOf(reviewNoteRow), ['id'], data.notes),
});
