import { z } from 'zod';
import { REGISTER_NAMES, type RegisterName } from '../../registers/register-types';
import { col, columnsOf, insertMissing, selectRows, type Row } from './rows';
import { defineDomain } from './record-domain';

/**
 * A review note's row. `register` and `register_entry_id` (issue 14: a note
 * on a register, and on one of its entries) are written only when the note
 * has them, so a bundle whose notes are all on the site or its checklist is
 * exactly what Hoan wrote before registers existed, and an older
 * installation still reads it; a bundle from one without them reads here as
 * notes on no register. A note on a register reaching an older installation
 * is refused there by its strict schema, with nothing written.
 */
export const reviewNoteRow = z
  .object({
    id: col.uuid,
    site_id: col.uuid,
    round_id: col.optText,
    item_id: col.optText,
    register: z.enum(REGISTER_NAMES as [RegisterName, ...RegisterName[]]).optional(),
    register_entry_id: col.uuid.optional(),
    text: z.string().min(1).max(4000),
    author_fingerprint: col.text,
    author_name: col.text,
    written_by: col.text,
    created_at: col.text,
  })
  .strict()
  .refine((n) => (n.register === undefined || (n.round_id === null && n.item_id === null)) && (n.register_entry_id === undefined || n.register !== undefined), {
    message: 'a note on a register names no checklist item, and an entry names its register',
  });

const schema = z.object({ notes: z.array(reviewNoteRow) }).strict();
type ReviewRecords = z.output<typeof schema>;

const COLUMNS = columnsOf(reviewNoteRow);

/** The columns a note has: nulls of the register columns are left out (see above). */
const written = (row: Row): Row => Object.fromEntries(Object.entries(row).filter(([k, v]) => v !== null || (k !== 'register' && k !== 'register_entry_id')));

/** Head office's review notes: they travel to the site, and back with the site's next bundle. */
export const reviewRecords = defineDomain<ReviewRecords>({
  file: 'review-notes.json',
  kinds: ['site', 'review'],
  schema,
  collect: ({ db, siteId }) => ({
    notes: selectRows<Row>(db, 'review_notes', reviewNoteRow, 'site_id = ? ORDER BY seq', siteId).map(written) as ReviewRecords['notes'],
  }),
  check: (data, siteId, file) => (data.notes.some((n) => n.site_id !== siteId) ? { class: 'records_invalid', entry: file, reason: 'otherSite' } : null),
  apply: ({ db }, data) =>
    insertMissing(db, 'review_notes', COLUMNS, ['id'], data.notes.map((n) => ({ register: null, register_entry_id: null, ...n }))),
});
