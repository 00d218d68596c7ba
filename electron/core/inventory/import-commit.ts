import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { recordAudit } from '../audit/audit-log';
import type { AuditChange } from '../audit/audit-types';
import { HoanError } from '../errors';
import { getSite } from '../sites/site-repository';
import { FIELD_ASSIGNMENTS, recordOf, recordParams, type DeviceRow } from './device-rows';
import { lastBatchRow, toBatch, type BatchRow } from './import-batches';
import { applyStaged, dropStage, stageImport, stageStillCurrent, type StagedImport } from './import-staging';
import { changesBetween } from './inventory-diff';
import type { ImportBatch } from './inventory-types';
import type { ParsedImport } from './parse-job';
import { emptyRecord } from './row-normaliser';
import { writeTransaction } from '../db/transactions';

/** Negative: KiB, as SQLite counts it. */
const IMPORT_CACHE_KIB = -32768;
/**
 * Times the staged plan may find the site changed by another process before
 * the plan is made inside the write lock instead: two imports into one site
 * at once settle in two rounds; only a process changing the site's devices
 * without pause could make one wait for the lock this long.
 */
const STAGING_ROUNDS = 3;

export interface CommitRequest {
  siteId: string;
  parsed: ParsedImport;
  userName: string;
  now: Date;
  /**
   * Commits a file with no valid row: a batch that lists no device, so every
   * device of the site is marked as not in the latest import. Refused unless
   * the user confirmed it.
   */
  allowEmpty?: boolean;
}

/**
 * Writes an import as one batch: new devices, changed fields, devices the file
 * no longer lists marked (never deleted), an audit entry for the batch and for
 * each existing device it changed, and what each of those looked like before,
 * so that the batch can be undone. All or nothing, in one write transaction
 * that holds the lock only to apply what was staged (import-staging.ts).
 * `alongside` runs in the same transaction, after the batch.
 */
export function commitImport(db: Database.Database, request: CommitRequest): ImportBatch {
  return commitImportWith(db, request, () => undefined).batch;
}

export function commitImportWith<T>(
  db: Database.Database,
  request: CommitRequest,
  alongside: (batch: ImportBatch) => T,
): { batch: ImportBatch; alongside: T } {
  const { siteId, parsed } = request;
  if (parsed.problem) throw new HoanError(parsed.problem.code, parsed.problem.messageKey, parsed.problem.params);
  getSite(db, siteId);
  if (parsed.records.length === 0 && !request.allowEmpty) throw emptyImport(db, siteId, parsed);
  // The default 2 MB page cache spills the indexes to the WAL again and again on a large import.
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
  try {
    for (let round = 1; ; round++) {
      const lastRound = round > STAGING_ROUNDS;
      const staged = lastRound ? null : stageImport(db, siteId, parsed);
      const done = writeTransaction(db, () => {
        getSite(db, siteId);
        let current = staged && stageStillCurrent(db, siteId, staged) ? staged : null;
        // Another process keeps changing this site: plan under the lock, which it cannot take meanwhile.
        if (!current && lastRound) current = stageImport(db, siteId, parsed);
        if (!current) return null;
        const batch = writeBatch(db, request, current);
        return { batch, alongside: alongside(batch) };
      });
      if (done) return done;
    }
  } finally {
    dropStage(db);
    db.pragma(`cache_size = ${Number(cacheSize)}`);
  }
}

/** Refuses an import with nothing in it, saying what it would do. */
function emptyImport(db: Database.Database, siteId: string, parsed: ParsedImport): HoanError {
  // As the preview counts them: every device of the site the file does not list.
  const devices = db.prepare('SELECT asset_id FROM devices WHERE site_id = ?').pluck().all(siteId) as string[];
  const marked = devices.filter((assetId) => !parsed.skippedAssetIds.has(assetId)).length;
  if (marked === 0) return new HoanError('validation', 'errors.inventory.nothingToImport', { file: parsed.fileName });
  return new HoanError('validation', 'errors.inventory.emptyImport', { file: parsed.fileName, devices: marked });
}

function writeBatch(db: Database.Database, { siteId, parsed, userName, now }: CommitRequest, staged: StagedImport): ImportBatch {
  const batchId = randomUUID();
  const { counts } = staged;
  db.prepare(
    `INSERT INTO inventory_import_batches (id, site_id, file_name, file_sha256, sheet, mapping_json, created_count,
       updated_count, unchanged_count, absent_count, skipped_count, imported_at, imported_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    batchId,
    siteId,
    parsed.fileName,
    parsed.fileSha256,
    parsed.sheet,
    JSON.stringify(parsed.columns.map((c) => ({ column: c.letter, header: c.header, target: c.target }))),
    counts.created,
    counts.updated,
    counts.unchanged,
    counts.absent,
    parsed.invalidRows,
    now.toISOString(),
    userName,
  );
  // New devices carry their batch; the batch's audit entry names the file and its SHA-256. One
  // entry per new device would repeat the whole file in the log and triple the time of a large import.
  applyStaged(db, { siteId, batchId, userName, at: now, fields: parsed.coverage.fields });

  const batch = toBatch(db.prepare('SELECT * FROM inventory_import_batches WHERE id = ?').get(batchId) as BatchRow);
  recordAudit(db, {
    siteId,
    entity: 'inventory-import',
    entityId: batchId,
    action: 'import',
    changes: [
      { field: 'fileName', old: null, new: batch.fileName },
      { field: 'fileSha256', old: null, new: batch.fileSha256 },
      { field: 'sheet', old: null, new: batch.sheet },
      ...Object.entries(batch.counts).map(([field, n]) => ({ field, old: null, new: n })),
    ],
    userName,
    at: now,
  });
  return batch;
}

/**
 * Undoes the site's most recent import: devices it created are removed,
 * devices it changed or marked absent get their earlier values back. Refused
 * once a device has been checked on site since: that walkthrough is evidence
 * about the imported devices and must not lose its subject.
 */
export function undoLastImport(db: Database.Database, siteId: string, userName: string, now: Date): ImportBatch {
  const at = now.toISOString();
  return writeTransaction(db, () => {
    getSite(db, siteId);
    const batch = lastBatchRow(db, siteId);
    if (!batch || batch.undone_at) throw new HoanError('conflict', 'errors.inventory.nothingToUndo');
    // A device the batch created can only have been checked after it; the time covers the others.
    const checked = db
      .prepare(
        `SELECT 1 FROM device_checks WHERE site_id = ?
           AND (recorded_at >= ? OR device_id IN (SELECT id FROM devices WHERE created_batch_id = ?)) LIMIT 1`,
      )
      .get(siteId, batch.imported_at, batch.id);
    if (checked) throw new HoanError('conflict', 'errors.inventory.undoAfterChecks', { file: batch.file_name });

    const audit = (deviceId: string, action: string, changes: AuditChange[]) =>
      recordAudit(db, { siteId, entity: 'device', entityId: deviceId, action, changes, userName, at: now });
    const restore = db.prepare(
      `UPDATE devices SET ${FIELD_ASSIGNMENTS}, in_latest_import = @in_latest_import, updated_at = @updated_at WHERE id = @id`,
    );
    const current = db.prepare('SELECT * FROM devices WHERE id = ?');
    const changed = db.prepare('SELECT before_json FROM inventory_import_changes WHERE batch_id = ?').all(batch.id) as {
      before_json: string;
    }[];
    for (const { before_json } of changed) {
      const before = JSON.parse(before_json) as DeviceRow;
      const present = current.get(before.id) as DeviceRow;
      restore.run({ id: before.id, in_latest_import: before.in_latest_import, updated_at: before.updated_at, ...recordParams(recordOf(before)) });
      const changes: AuditChange[] = changesBetween(recordOf(present), recordOf(before));
      if (present.in_latest_import !== before.in_latest_import) {
        changes.push({ field: 'inLatestImport', old: present.in_latest_import === 1, new: before.in_latest_import === 1 });
      }
      audit(before.id, 'undo-import', changes);
    }
    const created = db.prepare('SELECT * FROM devices WHERE created_batch_id = ?').all(batch.id) as DeviceRow[];
    const remove = db.prepare('DELETE FROM devices WHERE id = ?');
    for (const row of created) {
      remove.run(row.id);
      audit(row.id, 'undo-import-create', changesBetween(recordOf(row), emptyRecord()));
    }
    db.prepare('UPDATE inventory_import_batches SET undone_at = ? WHERE id = ?').run(at, batch.id);
    recordAudit(db, { siteId, entity: 'inventory-import', entityId: batch.id, action: 'undo', changes: [], userName, at: now });
    return toBatch(db.prepare('SELECT * FROM inventory_import_batches WHERE id = ?').get(batch.id) as BatchRow);
  });
}
