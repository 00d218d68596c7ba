import type Database from 'better-sqlite3';
import type { ImportBatch } from './inventory-types';

export interface BatchRow {
  seq: number;
  id: string;
  site_id: string;
  file_name: string;
  file_sha256: string;
  sheet: string;
  mapping_json: string;
  created_count: number;
  updated_count: number;
  unchanged_count: number;
  absent_count: number;
  skipped_count: number;
  imported_at: string;
  imported_by: string;
  undone_at: string | null;
}

export function toBatch(row: BatchRow): ImportBatch {
  return {
    id: row.id,
    siteId: row.site_id,
    fileName: row.file_name,
    fileSha256: row.file_sha256,
    sheet: row.sheet,
    counts: {
      created: row.created_count,
      updated: row.updated_count,
      unchanged: row.unchanged_count,
      absent: row.absent_count,
      skipped: row.skipped_count,
    },
    importedAt: row.imported_at,
    importedBy: row.imported_by,
    undoneAt: row.undone_at,
  };
}

export function lastBatchRow(db: Database.Database, siteId: string): BatchRow | undefined {
  return db.prepare('SELECT * FROM inventory_import_batches WHERE site_id = ? ORDER BY seq DESC LIMIT 1').get(siteId) as
    | BatchRow
    | undefined;
}

/** The site's most recent import, undone or not. */
export function lastImportBatch(db: Database.Database, siteId: string): ImportBatch | null {
  const row = lastBatchRow(db, siteId);
  return row ? toBatch(row) : null;
}
