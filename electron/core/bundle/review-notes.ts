import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { recordAudit } from '../audit/audit-log';
import { HoanError } from '../errors';
import type { RegisterName } from '../registers/register-types';
import { getSite } from '../sites/site-repository';
import type { ReviewNote } from './bundle-types';
import { getInstallation, namedInstallation } from './installation';
import { siteOrigin } from './site-ownership';
import { writeTransaction } from '../db/transactions';

interface NoteRow {
  id: string;
  site_id: string;
  round_id: string | null;
  item_id: string | null;
  register: RegisterName | null;
  register_entry_id: string | null;
  text: string;
  author_fingerprint: string;
  author_name: string;
  written_by: string;
  created_at: string;
}

export function listReviewNotes(db: Database.Database, siteId: string): ReviewNote[] {
  getSite(db, siteId);
  const self = getInstallation(db).fingerprint;
  return (db.prepare('SELECT * FROM review_notes WHERE site_id = ? ORDER BY created_at, seq').all(siteId) as NoteRow[]).map((r) => ({
    id: r.id,
    siteId: r.site_id,
    roundId: r.round_id,
    itemId: r.item_id,
    register: r.register,
    registerEntryId: r.register_entry_id,
    text: r.text,
    authorFingerprint: r.author_fingerprint,
    authorName: r.author_name,
    writtenBy: r.written_by,
    createdAt: r.created_at,
    mine: r.author_fingerprint === self,
  }));
}

/** The entries a note on a register can name: its parties, the parties called in the contact order, its points. */
const REGISTER_ENTRY: Record<RegisterName, string> = {
  organisation: 'SELECT 1 FROM register_parties WHERE id = ? AND site_id = ?',
  contacts: 'SELECT 1 FROM register_contact_steps WHERE party_id = ? AND site_id = ?',
  connection_points: 'SELECT 1 FROM connection_points WHERE id = ? AND site_id = ?',
};

function checkRegister(db: Database.Database, input: { siteId: string; roundId?: string | undefined; itemId?: string | undefined; register?: RegisterName | undefined; registerEntryId?: string | undefined }): void {
  if (input.registerEntryId && !input.register) throw new HoanError('validation', 'registers.errors.review.entryWithoutRegister');
  if (!input.register) return;
  // A note is on a register or on a checklist item, so the site finds it in one place.
  if (input.roundId || input.itemId) throw new HoanError('validation', 'registers.errors.review.registerAndItem');
  if (input.registerEntryId && !db.prepare(REGISTER_ENTRY[input.register]).get(input.registerEntryId, input.siteId)) {
    throw new HoanError('not_found', 'registers.errors.review.entryNotFound', { register: input.register, id: input.registerEntryId });
  }
}

/**
 * Head office's note on an imported site. The copy stays read-only; the note
 * is head office's own record and travels to the site in its next bundle.
 */
export function addReviewNote(
  db: Database.Database,
  input: {
    siteId: string;
    roundId?: string | undefined;
    itemId?: string | undefined;
    register?: RegisterName | undefined;
    registerEntryId?: string | undefined;
    text: string;
  },
  userName: string,
  now: Date,
): ReviewNote {
  getSite(db, input.siteId);
  if (!siteOrigin(db, input.siteId)) throw new HoanError('conflict', 'bundle.errors.reviewOnlyImported');
  if (input.roundId && !db.prepare('SELECT 1 FROM assessment_rounds WHERE id = ? AND site_id = ?').get(input.roundId, input.siteId)) {
    throw new HoanError('not_found', 'errors.notFound', { entity: 'assessment', id: input.roundId });
  }
  // A note on an item names its round, so the site finds it on that round's item.
  if (input.itemId && !input.roundId) throw new HoanError('validation', 'bundle.errors.reviewItemWithoutRound');
  if (input.itemId && !db.prepare('SELECT 1 FROM assessment_items WHERE round_id = ? AND item_id = ?').get(input.roundId, input.itemId)) {
    throw new HoanError('not_found', 'errors.notFound', { entity: 'item', id: input.itemId });
  }
  checkRegister(db, input);
  const self = namedInstallation(db);
  const id = randomUUID();
  writeTransaction(db, () => {
    db.prepare(
      `INSERT INTO review_notes (id, site_id, round_id, item_id, register, register_entry_id, text, author_fingerprint, author_name, written_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id, input.siteId, input.roundId ?? null, input.itemId ?? null, input.register ?? null, input.registerEntryId ?? null,
      input.text, self.fingerprint, self.name, userName, now.toISOString(),
    );
    recordAudit(db, {
      siteId: input.siteId,
      entity: 'review-note',
      entityId: id,
      action: 'create',
      changes: [
        { field: 'text', old: null, new: input.text },
        ...(input.register ? [{ field: 'register', old: null, new: input.register }] : []),
        ...(input.registerEntryId ? [{ field: 'registerEntryId', old: null, new: input.registerEntryId }] : []),
      ],
      userName,
      at: now,
    });
  });
  return listReviewNotes(db, input.siteId).find((n) => n.id === id)!;
}
