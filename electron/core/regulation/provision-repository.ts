import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { recordAudit } from '../audit/audit-log';
import { getSite } from '../sites/site-repository';
import type { Provision } from './regulation-schema';
import { writeTransaction } from '../db/transactions';

interface ProvisionRow {
  id: string;
  site_id: string;
  text: string;
  responsible: string;
  adopted_on: string | null;
  saved_at: string;
  saved_by: string;
}

const toProvision = (r: ProvisionRow): Provision => ({
  id: r.id,
  siteId: r.site_id,
  text: r.text,
  responsible: r.responsible,
  adoptedOn: r.adopted_on,
  savedAt: r.saved_at,
  savedBy: r.saved_by,
});

/** Every saved version, newest first. */
export function listProvisions(db: Database.Database, siteId: string): Provision[] {
  getSite(db, siteId);
  return (
    db.prepare('SELECT * FROM regulation_provisions WHERE site_id = ? ORDER BY saved_at DESC, rowid DESC').all(siteId) as ProvisionRow[]
  ).map(toProvision);
}

/** Saving never overwrites: each version stays, with when it was adopted. */
export function saveProvision(
  db: Database.Database,
  input: { siteId: string; text: string; responsible: string; adoptedOn: string | null },
  userName: string,
  now: Date,
): Provision {
  return writeTransaction(db, () => {
    getSite(db, input.siteId);
    const row: ProvisionRow = {
      id: randomUUID(),
      site_id: input.siteId,
      text: input.text,
      responsible: input.responsible,
      adopted_on: input.adoptedOn,
      saved_at: now.toISOString(),
      saved_by: userName,
    };
    db.prepare(
      `INSERT INTO regulation_provisions (id, site_id, text, responsible, adopted_on, saved_at, saved_by)
       VALUES (@id, @site_id, @text, @responsible, @adopted_on, @saved_at, @saved_by)`,
    ).run(row);
    recordAudit(db, {
      siteId: input.siteId,
      entity: 'regulation',
      entityId: row.id,
      action: 'create',
      changes: [
        { field: 'adoptedOn', old: null, new: input.adoptedOn },
        { field: 'responsible', old: null, new: input.responsible },
      ],
      userName,
      at: now,
    });
    return toProvision(row);
  });
}
