import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { recordAuditRows } from '../audit/audit-log';
import type { AuditChange } from '../audit/audit-types';
import { readTransaction } from '../db/transactions';
import { HoanError } from '../errors';
import { FIELD_COLUMNS, recordOf, type DeviceRow } from './device-rows';
import { lastBatchRow, type BatchRow } from './import-batches';
import { changesBetween } from './inventory-diff';
import { DEVICE_FIELDS, type UndoSummary } from './inventory-types';
import { emptyRecord } from './row-normaliser';
import { RECORD_COLUMNS, snapshotSite, type Staged } from './site-stage';

/** The undo of a site's last import, staged and applied as site-stage.ts describes. */

export interface StagedUndo extends Staged {
  batchId: string;
}

/** 管理番号 is never changed by an import, so an undo has no reason to touch its index. */
const RESTORED_COLUMNS = RECORD_COLUMNS.filter((c) => c !== FIELD_COLUMNS.assetId);

const STAGE_DDL = `
  CREATE TEMP TABLE undo_restores (ord INTEGER PRIMARY KEY, device_id TEXT NOT NULL UNIQUE, ${RESTORED_COLUMNS.join(', ')},
    in_latest_import INTEGER NOT NULL, updated_at TEXT NOT NULL, changes_json TEXT NOT NULL, audit_id TEXT NOT NULL);
  CREATE TEMP TABLE undo_removals (ord INTEGER PRIMARY KEY, device_id TEXT NOT NULL UNIQUE, changes_json TEXT NOT NULL, audit_id TEXT NOT NULL);
`;

/**
 * The site's last import, if it may be undone: refused once a device has been
 * checked on site since, because that walkthrough is evidence about the
 * imported devices and must not lose its subject.
 */
export function undoableBatch(db: Database.Database, siteId: string): BatchRow {
  const batch = lastBatchRow(db, siteId);
  if (!batch || batch.undone_at) throw new HoanError('conflict', 'errors.inventory.nothingToUndo');
  if (checkedSince(db, siteId, batch)) throw new HoanError('conflict', 'errors.inventory.undoAfterChecks', { file: batch.file_name });
  if (triagedSince(db, siteId, batch)) throw new HoanError('conflict', 'errors.inventory.undoAfterTriage', { file: batch.file_name });
  return batch;
}

/**
 * A vulnerability decision recorded since the batch (8-4): like a check, it
 * is evidence about the devices as imported, and a patch (対応済) set a
 * version the undo would overwrite with the one from before the import.
 */
function triagedSince(db: Database.Database, siteId: string, batch: BatchRow): boolean {
  const decided = db
    .prepare(
      `SELECT 1 FROM advisory_triage t WHERE t.site_id = ?
         AND (t.decided_at >= ? OR EXISTS (SELECT 1 FROM devices d WHERE d.id = t.device_id AND d.created_batch_id = ?)) LIMIT 1`,
    )
    .get(siteId, batch.imported_at, batch.id);
  return decided !== undefined;
}

/**
 * A device checked on site since the batch. A device the batch created can only have been checked after it; the
 * time covers the others. Driven by the site's checks (each a primary-key look-up), not by a scan of its devices:
 * the list asks this on every page.
 */
function checkedSince(db: Database.Database, siteId: string, batch: BatchRow): boolean {
  const checked = db
    .prepare(
      `SELECT 1 FROM device_checks c WHERE c.site_id = ?
         AND (c.recorded_at >= ? OR EXISTS (SELECT 1 FROM devices d WHERE d.id = c.device_id AND d.created_batch_id = ?)) LIMIT 1`,
    )
    .get(siteId, batch.imported_at, batch.id);
  return checked !== undefined;
}

/**
 * What undoing the last import would do, counted from what the batch
 * recorded: the devices it created (removed by the undo; nothing else
 * removes a device), those it changed (updated_count), and the rest of its
 * undo records, the devices it marked as not in the file. Null when there is
 * nothing to undo, so the list offers no undo that would do nothing.
 */
export function undoSummary(db: Database.Database, siteId: string): UndoSummary | null {
  const batch = lastBatchRow(db, siteId);
  if (!batch || batch.undone_at) return null;
  const records = db.prepare('SELECT count(*) FROM inventory_import_changes WHERE batch_id = ?').pluck().get(batch.id) as number;
  const summary: UndoSummary = {
    batchId: batch.id,
    fileName: batch.file_name,
    importedAt: batch.imported_at,
    removes: batch.created_count,
    restores: batch.updated_count,
    relists: records - batch.updated_count,
    blocked: null,
  };
  if (summary.removes + summary.restores + summary.relists === 0) return null;
  if (checkedSince(db, siteId, batch)) return { ...summary, blocked: 'checks' };
  return triagedSince(db, siteId, batch) ? { ...summary, blocked: 'triage' } : summary;
}

/**
 * Stages what undoing the last import writes: each device it changed or
 * marked, with its values before and the audit entry's changes, and each
 * device it created, to be removed. Takes no write lock.
 */
export function stageUndo(db: Database.Database, siteId: string): StagedUndo {
  return readTransaction(db, () => {
    const { dataVersion } = snapshotSite(db, siteId, STAGE_DDL);
    const batch = undoableBatch(db, siteId);
    const current = db.prepare('SELECT * FROM temp.import_snapshot WHERE id = ?');
    const restore = db.prepare(
      `INSERT INTO temp.undo_restores (device_id, ${RESTORED_COLUMNS.join(', ')}, in_latest_import, updated_at, changes_json, audit_id)
       VALUES (${RESTORED_COLUMNS.map(() => '?').join(', ')}, ?, ?, ?, ?, ?)`,
    );
    const changed = db.prepare('SELECT before_json FROM inventory_import_changes WHERE batch_id = ?').pluck().all(batch.id) as string[];
    for (const beforeJson of changed) {
      const before = JSON.parse(beforeJson) as DeviceRow;
      const present = current.get(before.id) as DeviceRow;
      const record = recordOf(before);
      const changes: AuditChange[] = changesBetween(recordOf(present), record);
      if (present.in_latest_import !== before.in_latest_import) {
        changes.push({ field: 'inLatestImport', old: present.in_latest_import === 1, new: before.in_latest_import === 1 });
      }
      const values = [...DEVICE_FIELDS.filter((f) => f !== 'assetId').map((f) => record[f]), JSON.stringify(record.extra)];
      restore.run(before.id, ...values, before.in_latest_import, before.updated_at, JSON.stringify(changes), randomUUID());
    }
    const remove = db.prepare('INSERT INTO temp.undo_removals (device_id, changes_json, audit_id) VALUES (?, ?, ?)');
    for (const row of db.prepare('SELECT * FROM temp.import_snapshot WHERE created_batch_id = ?').all(batch.id) as DeviceRow[]) {
      remove.run(row.id, JSON.stringify(changesBetween(recordOf(row), emptyRecord())), randomUUID());
    }
    return { dataVersion, batchId: batch.id };
  });
}

/** Inside the write transaction: the staged undo into the inventory and the audit log; the batch marked undone. */
export function applyUndo(db: Database.Database, siteId: string, staged: StagedUndo, userName: string, at: Date): void {
  const stamp = at.toISOString();
  db.prepare(
    `UPDATE main.devices SET ${RESTORED_COLUMNS.map((c) => `${c} = u.${c}`).join(', ')}, in_latest_import = u.in_latest_import,
       updated_at = u.updated_at
     FROM temp.undo_restores u WHERE devices.id = u.device_id`,
  ).run();
  const common = { siteId, entity: 'device', userName, at };
  recordAuditRows(db, { ...common, action: 'undo-import' }, 'SELECT audit_id AS id, device_id AS entity_id, changes_json, ord FROM temp.undo_restores');
  db.prepare('DELETE FROM main.devices WHERE id IN (SELECT device_id FROM temp.undo_removals)').run();
  recordAuditRows(db, { ...common, action: 'undo-import-create' }, 'SELECT audit_id AS id, device_id AS entity_id, changes_json, ord FROM temp.undo_removals');
  db.prepare('UPDATE main.inventory_import_batches SET undone_at = ? WHERE id = ?').run(stamp, staged.batchId);
}
