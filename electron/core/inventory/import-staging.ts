import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { recordAuditRows } from '../audit/audit-log';
import type { AuditChange } from '../audit/audit-types';
import { readTransaction } from '../db/transactions';
import { siteDevicesByAssetId } from './device-repository';
import { FIELD_COLUMNS } from './device-rows';
import { DiffPlanner, type FileCoverage } from './inventory-diff';
import { DEVICE_FIELDS, type DeviceField, type DeviceRecord, type ImportBatch } from './inventory-types';
import { naturalSortKey } from './natural-sort-key';
import type { ParsedImport } from './parse-job';
import type { ParsedRecord } from './row-collector';
import { RECORD_COLUMNS, snapshotSite, stageEpoch, type Staged } from './site-stage';
import { timeOrderedId } from './time-ordered-id';

/** An import, staged and applied as site-stage.ts describes. */

const ABSENT_CHANGES: AuditChange[] = [{ field: 'inLatestImport', old: true, new: false }];

export interface StagedImport extends Staged {
  counts: Omit<ImportBatch['counts'], 'skipped'>;
  /** Devices the import marks as not in the file now (`counts.absent` also counts those marked before). */
  marked: number;
}

const STAGE_DDL = `
  CREATE TEMP TABLE import_creates (ord INTEGER PRIMARY KEY, id TEXT NOT NULL, asset_sort_key TEXT NOT NULL, ${RECORD_COLUMNS.join(', ')});
  CREATE TEMP TABLE import_updates (ord INTEGER PRIMARY KEY, device_id TEXT NOT NULL UNIQUE, ${RECORD_COLUMNS.join(', ')},
    before_json TEXT NOT NULL, changes_json TEXT NOT NULL, audit_id TEXT NOT NULL);
  CREATE TEMP TABLE import_absent (ord INTEGER PRIMARY KEY, device_id TEXT NOT NULL UNIQUE,
    before_json TEXT NOT NULL, changes_json TEXT NOT NULL, audit_id TEXT NOT NULL);
`;

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');
const recordValues = (r: DeviceRecord) => [...DEVICE_FIELDS.map((f) => r[f]), JSON.stringify(r.extra)];

/**
 * Compares the file with the site's devices as they are now and stages what
 * the import will write: new devices with their ids, changed devices with
 * their values after, before and the audit entry's changes, devices no
 * longer listed. Takes no write lock.
 */
export function stageImport(db: Database.Database, siteId: string, parsed: ParsedImport): StagedImport {
  return readTransaction(db, () => {
    const stager = new ImportStager(db, siteId, parsed.coverage);
    stager.add(parsed.records);
    return stager.finish(parsed.skippedAssetIds)!;
  });
}

/**
 * The same staging, batch by batch while the worker is still reading the
 * file (an import committed at once: the CLI's). Each batch is written to
 * the TEMP tables in its own transaction, which takes no lock on the data
 * folder's database; the write transaction at the end only applies them. A
 * parse that fails or is cancelled drops the stage (dropStage), and a crash
 * leaves nothing either: TEMP tables live and die with the connection.
 * Another write staged on the same connection meanwhile (an undo, a commit
 * from the app) replaces the stage; this one then gives up, and the commit
 * stages the whole file again.
 */
export class ImportStager {
  private readonly planner: DiffPlanner;
  private readonly create: Database.Statement;
  private readonly update: Database.Statement;
  private readonly counts = { created: 0, updated: 0, unchanged: 0 };
  private readonly dataVersion: number;
  private readonly epoch: number;

  constructor(
    private readonly db: Database.Database,
    siteId: string,
    coverage: FileCoverage,
  ) {
    const { planner, dataVersion } = readTransaction(db, () => {
      const snapshot = snapshotSite(db, siteId, STAGE_DDL);
      return { planner: new DiffPlanner(siteDevicesByAssetId(db, siteId), coverage), dataVersion: snapshot.dataVersion };
    });
    this.planner = planner;
    this.dataVersion = dataVersion;
    this.epoch = stageEpoch(db);
    this.create = db.prepare(
      `INSERT INTO temp.import_creates (id, asset_sort_key, ${RECORD_COLUMNS.join(', ')}) VALUES (${placeholders(RECORD_COLUMNS.length + 2)})`,
    );
    this.update = db.prepare(
      `INSERT INTO temp.import_updates (device_id, ${RECORD_COLUMNS.join(', ')}, before_json, changes_json, audit_id)
       VALUES (${placeholders(RECORD_COLUMNS.length + 4)})`,
    );
  }

  /** The stage is still this one's: no other write has dropped or replaced it. */
  private get current(): boolean {
    return stageEpoch(this.db) === this.epoch;
  }

  add(records: readonly ParsedRecord[]): void {
    if (!this.current) return;
    readTransaction(this.db, () => {
      for (const parsed of records) {
        const planned = this.planner.plan(parsed);
        if (planned === null) {
          this.create.run(timeOrderedId(), naturalSortKey(parsed.record.assetId), ...recordValues(parsed.record));
          this.counts.created++;
        } else if (planned === 'unchanged') this.counts.unchanged++;
        else {
          const u = planned;
          this.update.run(u.existing.id, ...recordValues(u.after), JSON.stringify(u.existing), JSON.stringify(u.changes), randomUUID());
          this.counts.updated++;
        }
      }
    });
  }

  /** Once the file is read: the devices it no longer lists. Null if the stage was replaced. */
  finish(skippedAssetIds: ReadonlySet<string>): StagedImport | null {
    if (!this.current) return null;
    return readTransaction(this.db, () => {
      const absent = this.planner.absent(skippedAssetIds);
      const insert = this.db.prepare('INSERT INTO temp.import_absent (device_id, before_json, changes_json, audit_id) VALUES (?, ?, ?, ?)');
      const absentChanges = JSON.stringify(ABSENT_CHANGES);
      // Devices already marked by an earlier import stay as they are: nothing to record, nothing to undo.
      let marked = 0;
      for (const row of absent) {
        if (row.in_latest_import !== 1) continue;
        insert.run(row.id, JSON.stringify(row), absentChanges, randomUUID());
        marked++;
      }
      return { counts: { ...this.counts, absent: absent.length }, marked, dataVersion: this.dataVersion };
    });
  }
}

export interface ApplyRequest {
  siteId: string;
  batchId: string;
  userName: string;
  at: Date;
  /** The fields the file has columns for: the only ones an import changes. */
  fields: ReadonlySet<DeviceField>;
}

/** Inside the write transaction, after the batch row: the staged rows into the inventory and the audit log. */
export function applyStaged(db: Database.Database, { siteId, batchId, userName, at, fields }: ApplyRequest): void {
  const stamp = at.toISOString();
  const columns = RECORD_COLUMNS.join(', ');
  // Ordered as the file lists them, with ids that sort by time: appends to the primary-key index.
  db.prepare(
    `INSERT INTO main.devices (${columns}, id, asset_sort_key, site_id, in_latest_import, created_batch_id, created_at, updated_at)
     SELECT ${columns}, id, asset_sort_key, @siteId, 1, @batchId, @at, @at FROM temp.import_creates ORDER BY ord`,
  ).run({ siteId, batchId, at: stamp });
  // What the batch changed, as it was before: what an undo restores.
  db.prepare(
    `INSERT INTO main.inventory_import_changes (batch_id, device_id, before_json)
     SELECT @batchId, device_id, before_json FROM temp.import_updates
     UNION ALL SELECT @batchId, device_id, before_json FROM temp.import_absent`,
  ).run({ batchId });
  // Only the columns the file covers (never 管理番号, the key it was matched by): an index whose
  // columns are not set is left alone.
  const changing = [...DEVICE_FIELDS.filter((f) => f !== 'assetId' && fields.has(f)).map((f) => FIELD_COLUMNS[f]), 'extra_json'];
  db.prepare(
    `UPDATE main.devices SET ${changing.map((c) => `${c} = u.${c}`).join(', ')}, in_latest_import = 1, updated_at = @at
     FROM temp.import_updates u WHERE devices.id = u.device_id`,
  ).run({ at: stamp });
  db.prepare('UPDATE main.devices SET in_latest_import = 0, updated_at = @at WHERE id IN (SELECT device_id FROM temp.import_absent)').run({
    at: stamp,
  });
  const common = { siteId, entity: 'device', userName, at };
  recordAuditRows(db, { ...common, action: 'import-update' }, 'SELECT audit_id AS id, device_id AS entity_id, changes_json, ord FROM temp.import_updates');
  recordAuditRows(db, { ...common, action: 'import-absent' }, 'SELECT audit_id AS id, device_id AS entity_id, changes_json, ord FROM temp.import_absent');
}
