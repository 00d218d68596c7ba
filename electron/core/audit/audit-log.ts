import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { AuditChange, AuditEntry, AuditValue } from './audit-types';

/** An entry as recorded: the id is made here, the time comes as a Date. */
export type AuditInput = Omit<AuditEntry, 'id' | 'at'> & { at: Date };

const insertStatements = new WeakMap<Database.Database, Database.Statement>();

/** Prepared once per connection: an import records thousands of entries in one transaction. */
function insertStatement(db: Database.Database): Database.Statement {
  let statement = insertStatements.get(db);
  if (!statement) {
    statement = db.prepare(
      `INSERT INTO audit_log (id, site_id, entity, entity_id, action, changes_json, user_name, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    insertStatements.set(db, statement);
  }
  return statement;
}

/**
 * Appends one entry. Call it inside the same transaction as the change it
 * records, so there is never a change without its entry or the reverse.
 */
export function recordAudit(db: Database.Database, input: AuditInput): AuditEntry {
  const entry: AuditEntry = {
    id: randomUUID(),
    siteId: input.siteId,
    entity: input.entity,
    entityId: input.entityId,
    action: input.action,
    changes: input.changes,
    userName: input.userName,
    at: input.at.toISOString(),
  };
  insertStatement(db).run(entry.id, entry.siteId, entry.entity, entry.entityId, entry.action, JSON.stringify(entry.changes), entry.userName, entry.at);
  return entry;
}

/** What every entry of `recordAuditRows` shares. */
export type AuditRowsCommon = Pick<AuditInput, 'siteId' | 'entity' | 'action' | 'userName' | 'at'>;

/**
 * Many entries in one statement, one per row of `source`: a query yielding the
 * columns `id`, `entity_id`, `changes_json` and `ord`, recorded in `ord` order.
 * A large import records its changed devices this way in a fraction of the time.
 */
export function recordAuditRows(db: Database.Database, common: AuditRowsCommon, source: string): number {
  return db
    .prepare(
      `INSERT INTO audit_log (id, site_id, entity, entity_id, action, changes_json, user_name, at)
       SELECT id, @siteId, @entity, entity_id, @action, changes_json, @userName, @at FROM (${source}) ORDER BY ord`,
    )
    .run({ siteId: common.siteId, entity: common.entity, action: common.action, userName: common.userName, at: common.at.toISOString() }).changes;
}

/** Field-by-field differences between two versions of a record; only the named fields. */
export function diffFields<T extends object>(before: T | null, after: T, fields: readonly (keyof T & string)[]): AuditChange[] {
  const changes: AuditChange[] = [];
  for (const field of fields) {
    const oldValue = (before ? before[field] : null) as AuditValue;
    const newValue = after[field] as AuditValue;
    if (JSON.stringify(oldValue) !== JSON.stringify(newValue)) changes.push({ field, old: oldValue ?? null, new: newValue ?? null });
  }
  return changes;
}

interface AuditRow {
  id: string;
  site_id: string | null;
  entity: string;
  entity_id: string;
  action: string;
  changes_json: string;
  user_name: string;
  at: string;
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    siteId: row.site_id,
    entity: row.entity,
    entityId: row.entity_id,
    action: row.action,
    changes: JSON.parse(row.changes_json) as AuditChange[],
    userName: row.user_name,
    at: row.at,
  };
}

/** Oldest first: the history of one record. */
export function auditHistory(db: Database.Database, entity: string, entityId: string): AuditEntry[] {
  return (
    db.prepare('SELECT * FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY seq').all(entity, entityId) as AuditRow[]
  ).map(toEntry);
}

/** Oldest first: everything recorded for a site. */
export function siteAuditLog(db: Database.Database, siteId: string): AuditEntry[] {
  return (db.prepare('SELECT * FROM audit_log WHERE site_id = ? ORDER BY seq').all(siteId) as AuditRow[]).map(toEntry);
}
