import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { entryHash, fieldsOf, VERIFY_COLUMNS, type RawRow } from './log-chain';

export interface RangeInput {
  dbPath: string;
  siteId: string;
  fromSeq: number;
  toSeq: number;
}

/** What one slice of the chain looked like: its ends, for stitching, and whether it held inside. */
export interface RangeResult {
  ok: boolean;
  count: number;
  first: { n: number; prev: string } | null;
  last: { n: number; hash: string } | null;
}

/**
 * Checks one slice of a site's chain on its own read-only connection: each
 * entry's hash, and each link inside the slice. The links between slices are
 * checked by whoever started the workers.
 */
function checkRange(input: RangeInput): RangeResult {
  const db = new Database(input.dbPath, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare(`SELECT ${VERIFY_COLUMNS} FROM media_log WHERE site_id = ? AND seq BETWEEN ? AND ? ORDER BY seq`)
      .raw(true)
      .iterate(input.siteId, input.fromSeq, input.toSeq) as IterableIterator<RawRow>;
    const result: RangeResult = { ok: true, count: 0, first: null, last: null };
    for (const r of rows) {
      if (result.last && (r[3] !== result.last.n + 1 || r[20] !== result.last.hash)) return { ...result, ok: false };
      if (entryHash(fieldsOf(r), r[20]) !== r[21]) return { ...result, ok: false };
      if (!result.first) result.first = { n: r[3], prev: r[20] };
      result.last = { n: r[3], hash: r[21] };
      result.count++;
    }
    return result;
  } finally {
    db.close();
  }
}

if (parentPort) parentPort.postMessage(checkRange(workerData as RangeInput));
