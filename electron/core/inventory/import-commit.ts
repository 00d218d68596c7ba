import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { recordAudit } from '../audit/audit-log';
import { HoanError } from '../errors';
import { getSite } from '../sites/site-repository';
import { toBatch, type BatchRow } from './import-batches';
import { applyStaged, stageImport, type ImportStager, type StagedImport } from './import-staging';
import type { ImportBatch } from './inventory-types';
import type { ParsedImport } from './parse-job';
import { writeStaged } from './site-stage';
import { applyUndo, stageUndo, undoableBatch } from './undo-staging';

/** Negative: KiB, as SQLite counts it. */
const IMPORT_CACHE_KIB = -32768;

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
  /** The devices, staged already while the file was read (import-staging.ts). */
  staged?: ImportStager;
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
  let prepared = request.staged;
  try {
    return writeStaged(db, siteId, {
      stage: () => {
        const staged = prepared?.finish(parsed.skippedAssetIds);
        prepared = undefined;
        if (!staged) return stageImport(db, siteId, parsed);
        // Staged over seconds of reading, while this connection may have written too (which
        // data_version does not count): the site's devices are compared with the snapshot instead.
        return { ...staged, dataVersion: -1 };
      },
      apply: (staged) => {
        getSite(db, siteId);
        // The file says what the inventory already says: no batch, no audit entry, nothing to undo.
        if (staged.counts.created + staged.counts.updated + staged.marked === 0) {
          throw new HoanError('validation', 'errors.inventory.unchanged', { file: parsed.fileName });
        }
        const batch = writeBatch(db, request, staged);
        return { batch, alongside: alongside(batch) };
      },
    });
  } finally {
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
 * once a device has been checked on site since (undo-staging.ts). Staged
 * like the import, so the write lock is held only to apply it.
 */
export function undoLastImport(db: Database.Database, siteId: string, userName: string, now: Date): ImportBatch {
  getSite(db, siteId);
  return writeStaged(db, siteId, {
    stage: () => stageUndo(db, siteId),
    // Checked again under the lock: the same last batch, and no walkthrough recorded since.
    stillCurrent: (staged) => undoableBatch(db, siteId).id === staged.batchId,
    apply: (staged) => {
      applyUndo(db, siteId, staged, userName, now);
      recordAudit(db, { siteId, entity: 'inventory-import', entityId: staged.batchId, action: 'undo', changes: [], userName, at: now });
      return toBatch(db.prepare('SELECT * FROM inventory_import_batches WHERE id = ?').get(staged.batchId) as BatchRow);
    },
  });
}
